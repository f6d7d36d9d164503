namespace Substra.Generators.Model;

/// <summary>The supported return types of a function.</summary>
internal enum ReturnShape
{
    Void,
    Task,
    ValueTask,
    Double,
    TaskOfDouble,
    ValueTaskOfDouble,
}

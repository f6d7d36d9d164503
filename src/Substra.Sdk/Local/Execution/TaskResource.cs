namespace Substra.Sdk.Local.Execution;

/// <summary>One <c>{id, value, multiple}</c> item of the <c>--inputs</c> or <c>--outputs</c> argument.</summary>
internal readonly record struct TaskResource(string Id, string Value, bool Multiple);

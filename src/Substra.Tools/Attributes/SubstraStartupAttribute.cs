namespace Substra.Tools;

/// <summary>
/// Marks the class (implementing <see cref="ISubstraStartup"/>, with a parameterless constructor) that adds the user's
/// services to the in-task container. At most one per project.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SubstraStartupAttribute : Attribute
{
}

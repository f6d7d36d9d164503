namespace Substra.Tools;

/// <summary>
/// Marks a method as a Substra function. The name is the one passed as <c>--function-name</c> and registered on the platform.
/// The declaring class must be <c>partial</c>: the generator adds its typed handles to it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SubstraFunctionAttribute(string name) : Attribute
{
    /// <summary>The registered function name.</summary>
    public string Name { get; } = name;
}

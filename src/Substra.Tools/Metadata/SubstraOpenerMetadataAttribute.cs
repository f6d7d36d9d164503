namespace Substra.Tools.Metadata;

/// <summary>
/// Emitted by the generator in a data-provider project: names the opener and the generated factory that creates it,
/// so that the runtime and build tasks find it without scanning types.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class SubstraOpenerMetadataAttribute(string name, Type factoryType, string? description) : Attribute
{
    /// <summary>The opener name (the artifact is <c>&lt;name&gt;.opener</c>).</summary>
    public string Name { get; } = name;

    /// <summary>A generated type implementing <see cref="Hosting.IOpenerFactory"/> with a parameterless constructor.</summary>
    public Type FactoryType { get; } = factoryType;

    /// <summary>The description text (markdown), or <c>null</c>.</summary>
    public string? Description { get; } = description;
}

namespace Substra.Tools.Metadata;

/// <summary>
/// Emitted by the generator, one per function, so that build tasks read schemas from the compiled assembly without
/// running user code. <paramref name="schemaJson"/> is the FunctionSpec JSON (name, inputs, outputs) written to
/// <c>&lt;name&gt;.json</c>; <paramref name="description"/> is the XML documentation summary, or <c>null</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class SubstraFunctionMetadataAttribute(string name, string schemaJson, string? description) : Attribute
{
    /// <summary>The function name.</summary>
    public string Name { get; } = name;

    /// <summary>The FunctionSpec JSON without file paths.</summary>
    public string SchemaJson { get; } = schemaJson;

    /// <summary>The description text (markdown), or <c>null</c> when the function has no documentation comment.</summary>
    public string? Description { get; } = description;

    /// <summary>
    /// Whether the function reads Python openers (<see cref="DataSamplesAttribute.PythonOpener"/>): its archive's image then
    /// needs Python with numpy and pandas next to the .NET runtime.
    /// </summary>
    public bool ReadsPythonOpeners { get; set; }
}

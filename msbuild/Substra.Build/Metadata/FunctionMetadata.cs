namespace Substra.Build.Metadata;

/// <summary>
/// One <c>[assembly: SubstraFunctionMetadata(name, schemaJson, description, ReadsPythonOpeners = …)]</c> read from a compiled
/// assembly.
/// </summary>
internal sealed record FunctionMetadata(string Name, string SchemaJson, string? Description, bool ReadsPythonOpeners = false);

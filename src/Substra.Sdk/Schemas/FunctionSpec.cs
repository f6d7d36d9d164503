using System.Text.Json;
using System.Text.Json.Serialization;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Json;
using Substra.Tools.Schema;

namespace Substra.Sdk.Schemas;

/// <summary>A function: its archive (a zip or tar with a Dockerfile at the root), description, permissions and schema.</summary>
public sealed record FunctionSpec
{
    /// <summary>The function's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The markdown description file.</summary>
    [JsonPropertyName("description")]
    public required string Description { get; init; }

    /// <summary>The function archive.</summary>
    [JsonPropertyName("file")]
    public required string File { get; init; }

    /// <summary>Who may process the function.</summary>
    [JsonPropertyName("permissions")]
    public required Permissions Permissions { get; init; }

    /// <summary>User metadata.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The function's declared inputs.</summary>
    [JsonPropertyName("inputs")]
    public IReadOnlyList<FunctionInputSpec>? Inputs { get; init; }

    /// <summary>The function's declared outputs.</summary>
    [JsonPropertyName("outputs")]
    public IReadOnlyList<FunctionOutputSpec>? Outputs { get; init; }

    /// <summary>Checks required fields, each input and output, and identifier uniqueness.</summary>
    public FunctionSpec Validate()
    {
        SpecRules.Require(Name, "name", "the function's name");
        SpecRules.Require(Description, "description", "the path of a markdown description");
        SpecRules.Require(File, "file", "the path of the function archive");
        SpecRules.Require(Permissions, "permissions", "who may use the function");
        foreach (var input in Inputs ?? [])
        {
            input.Validate();
        }

        foreach (var output in Outputs ?? [])
        {
            output.Validate();
        }

        SpecRules.RequireUniqueIdentifiers(
            (Inputs ?? []).Select(input => input.Identifier), "Several function inputs cannot have the same identifier.");
        SpecRules.RequireUniqueIdentifiers(
            (Outputs ?? []).Select(output => output.Identifier), "Several function outputs cannot have the same identifier.");
        return this;
    }

    /// <summary>Builds the spec of a generated function from its schema (what <c>[SubstraFunction]</c> declares).</summary>
    /// <param name="schema">The schema, from the generated handles or the function registry.</param>
    /// <param name="archivePath">The function archive built by <c>dotnet build</c>.</param>
    /// <param name="descriptionPath">The markdown description file.</param>
    /// <param name="permissions">Who may use the function.</param>
    /// <param name="metadata">Optional metadata.</param>
    /// <param name="name">The name to register; the schema's name by default.</param>
    public static FunctionSpec FromSchema(
        FunctionSchema schema,
        string archivePath,
        string descriptionPath,
        Permissions permissions,
        IReadOnlyDictionary<string, string>? metadata = null,
        string? name = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new FunctionSpec
        {
            Name = name ?? schema.Name,
            File = archivePath,
            Description = descriptionPath,
            Permissions = permissions,
            Metadata = metadata,
            Inputs = schema.Inputs
                .Select(input => new FunctionInputSpec
                {
                    Identifier = input.Identifier, Kind = input.Kind, Optional = input.Optional, Multiple = input.Multiple,
                })
                .ToArray(),
            Outputs = schema.Outputs
                .Select(output => new FunctionOutputSpec { Identifier = output.Identifier, Kind = output.Kind, Multiple = output.Multiple })
                .ToArray(),
        }.Validate();
    }

    /// <summary>Reads a schema JSON (the build's <c>&lt;name&gt;.json</c>, or the text of <c>SubstraFunctionMetadata</c>).</summary>
    public static FunctionSchema ReadSchema(string schemaJson)
    {
        FunctionSchemaDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(schemaJson, SubstraJsonContext.Default.FunctionSchemaDocument);
        }
        catch (JsonException exception)
        {
            throw new SpecValidationException($"The function schema is not valid JSON of the expected shape: {exception.Message}");
        }

        if (document is null || string.IsNullOrEmpty(document.Name))
        {
            throw new SpecValidationException("The function schema has no 'name'.");
        }

        return new FunctionSchema(
            document.Name,
            (document.Inputs ?? []).Select(input => new FunctionInputSchema(input.Identifier, input.Kind, input.Multiple, input.Optional)).ToArray(),
            (document.Outputs ?? []).Select(output => new FunctionOutputSchema(output.Identifier, output.Kind, output.Multiple)).ToArray(),
            document.Description);
    }

    /// <summary>
    /// Builds the spec from a schema file written by the build (<c>&lt;name&gt;.json</c> next to the archive).
    /// </summary>
    public static FunctionSpec FromSchemaFile(
        string schemaJsonPath,
        string archivePath,
        string descriptionPath,
        Permissions permissions,
        IReadOnlyDictionary<string, string>? metadata = null,
        string? name = null)
    {
        if (!System.IO.File.Exists(schemaJsonPath))
        {
            throw new SpecValidationException(
                $"The function schema file '{schemaJsonPath}' does not exist; build the function project first (dotnet build).");
        }

        return FromSchema(ReadSchema(System.IO.File.ReadAllText(schemaJsonPath)), archivePath, descriptionPath, permissions, metadata, name);
    }

    /// <summary>
    /// The function <paramref name="functionName"/> built by <c>dotnet build</c>: <c>&lt;dir&gt;/&lt;name&gt;.json</c> and its archive
    /// <c>&lt;dir&gt;/&lt;name&gt;.zip</c>, where dir is the build's <c>substra/functions</c> folder.
    /// </summary>
    public static FunctionSpec FromBuildOutput(
        string functionsDirectory,
        string functionName,
        string descriptionPath,
        Permissions permissions,
        IReadOnlyDictionary<string, string>? metadata = null)
        => FromSchemaFile(
            System.IO.Path.Combine(functionsDirectory, functionName + ".json"),
            System.IO.Path.Combine(functionsDirectory, functionName + ".zip"),
            descriptionPath,
            permissions,
            metadata);

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

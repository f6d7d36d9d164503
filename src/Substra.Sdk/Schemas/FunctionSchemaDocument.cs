using System.Text.Json.Serialization;

namespace Substra.Sdk.Schemas;

/// <summary>The JSON shape of a generated function schema: the FunctionSpec of the reference without files.</summary>
public sealed record FunctionSchemaDocument
{
    /// <summary>The function's name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>The function's declared inputs.</summary>
    [JsonPropertyName("inputs")]
    public IReadOnlyList<FunctionInputSpec>? Inputs { get; init; }

    /// <summary>The function's declared outputs.</summary>
    [JsonPropertyName("outputs")]
    public IReadOnlyList<FunctionOutputSpec>? Outputs { get; init; }

    /// <summary>The function's description, when the build wrote one.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }
}

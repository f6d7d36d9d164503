using System.Text.Json.Serialization;

namespace Substra.Sdk.Schemas;

/// <summary>The JSON shape of a generated function schema: the FunctionSpec of the reference without files.</summary>
public sealed record FunctionSchemaDocument
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("inputs")]
    public IReadOnlyList<FunctionInputSpec>? Inputs { get; init; }

    [JsonPropertyName("outputs")]
    public IReadOnlyList<FunctionOutputSpec>? Outputs { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }
}

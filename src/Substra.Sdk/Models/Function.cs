using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A registered function. The server sends inputs and outputs keyed by identifier; both forms are read.</summary>
public sealed record Function
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    [JsonPropertyName("permissions")]
    public required AssetPermissions Permissions { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    [JsonPropertyName("inputs")]
    [JsonConverter(typeof(FunctionInputListJsonConverter))]
    public IReadOnlyList<FunctionInput> Inputs { get; init; } = [];

    [JsonPropertyName("outputs")]
    [JsonConverter(typeof(FunctionOutputListJsonConverter))]
    public IReadOnlyList<FunctionOutput> Outputs { get; init; } = [];

    [JsonPropertyName("status")]
    public required FunctionStatus Status { get; init; }

    [JsonPropertyName("description")]
    public required AssetFile Description { get; init; }

    [JsonPropertyName("archive")]
    public required AssetFile Archive { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

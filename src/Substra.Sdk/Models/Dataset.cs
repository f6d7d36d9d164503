using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A registered dataset (the platform's data manager).</summary>
public sealed record Dataset
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    [JsonPropertyName("permissions")]
    public required AssetPermissions Permissions { get; init; }

    [JsonPropertyName("data_sample_keys")]
    public IReadOnlyList<string> DataSampleKeys { get; init; } = [];

    [JsonPropertyName("opener")]
    public required AssetFile Opener { get; init; }

    [JsonPropertyName("description")]
    public required AssetFile Description { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    [JsonPropertyName("logs_permission")]
    public required Permission LogsPermission { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

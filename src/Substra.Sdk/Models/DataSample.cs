using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A registered data sample.</summary>
public sealed record DataSample
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    [JsonPropertyName("data_manager_keys")]
    public IReadOnlyList<string>? DataManagerKeys { get; init; }

    /// <summary>The sample's folder (local mode only).</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

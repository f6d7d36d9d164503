using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A registered data sample.</summary>
public sealed record DataSample
{
    /// <summary>The sample's key (a UUID).</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>The organisation that registered the sample.</summary>
    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    /// <summary>The datasets the sample is linked to.</summary>
    [JsonPropertyName("data_manager_keys")]
    public IReadOnlyList<string>? DataManagerKeys { get; init; }

    /// <summary>The sample's folder (local mode only).</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>When the sample was registered.</summary>
    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

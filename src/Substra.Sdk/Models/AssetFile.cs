using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A file of an asset: its SHA-256 checksum and where it is (a URL in remote mode, a local path in local mode).</summary>
public sealed record AssetFile
{
    /// <summary>The SHA-256 hex digest of the file.</summary>
    [JsonPropertyName("checksum")]
    public required string Checksum { get; init; }

    /// <summary>Where the file is downloaded from.</summary>
    [JsonPropertyName("storage_address")]
    public required string StorageAddress { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A file of an asset: its SHA-256 checksum and where it is (a URL in remote mode, a local path in local mode).</summary>
public sealed record AssetFile
{
    [JsonPropertyName("checksum")]
    public required string Checksum { get; init; }

    [JsonPropertyName("storage_address")]
    public required string StorageAddress { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

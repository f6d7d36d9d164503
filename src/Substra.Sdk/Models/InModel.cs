using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>The file of a model: checksum and storage address.</summary>
public sealed record InModel
{
    [JsonPropertyName("checksum")]
    public required string Checksum { get; init; }

    [JsonPropertyName("storage_address")]
    public required string StorageAddress { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

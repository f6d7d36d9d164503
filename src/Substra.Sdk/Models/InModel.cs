using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>The file of a model: checksum and storage address.</summary>
public sealed record InModel
{
    /// <summary>The SHA-256 hex digest of the model file.</summary>
    [JsonPropertyName("checksum")]
    public required string Checksum { get; init; }

    /// <summary>Where the model file is downloaded from.</summary>
    [JsonPropertyName("storage_address")]
    public required string StorageAddress { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>An organisation of the network.</summary>
public sealed record Organization
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>True for the organisation this client belongs to.</summary>
    [JsonPropertyName("is_current")]
    public bool IsCurrent { get; init; }

    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

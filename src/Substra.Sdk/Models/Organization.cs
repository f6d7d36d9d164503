using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>An organisation of the network.</summary>
public sealed record Organization
{
    /// <summary>The organisation's id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>True for the organisation this client belongs to.</summary>
    [JsonPropertyName("is_current")]
    public bool IsCurrent { get; init; }

    /// <summary>When the organisation joined the platform.</summary>
    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

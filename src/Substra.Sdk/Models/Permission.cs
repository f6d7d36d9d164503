using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>One permission: public, or restricted to organisation ids.</summary>
public sealed record Permission
{
    /// <summary>True when every organisation has the permission.</summary>
    [JsonPropertyName("public")]
    public required bool Public { get; init; }

    /// <summary>The organisations that have the permission (all of them when public).</summary>
    [JsonPropertyName("authorized_ids")]
    public required IReadOnlyList<string> AuthorizedIds { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>One permission: public, or restricted to organisation ids.</summary>
public sealed record Permission
{
    [JsonPropertyName("public")]
    public required bool Public { get; init; }

    [JsonPropertyName("authorized_ids")]
    public required IReadOnlyList<string> AuthorizedIds { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

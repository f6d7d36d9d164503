using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>Who may use an asset: everybody (<paramref name="Public"/>) or the listed organisation ids.</summary>
/// <param name="Public">Everybody may use the asset; <paramref name="AuthorizedIds"/> is then ignored.</param>
/// <param name="AuthorizedIds">The organisation ids allowed when the asset is not public.</param>
public sealed record Permissions(
    [property: JsonPropertyName("public")] bool Public,
    [property: JsonPropertyName("authorized_ids")] IReadOnlyList<string> AuthorizedIds)
{
    /// <summary>Public permissions.</summary>
    public static Permissions PublicAccess { get; } = new(true, []);

    /// <summary>Permissions restricted to the given organisations.</summary>
    public static Permissions Private(params string[] authorizedIds) => new(false, authorizedIds);

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

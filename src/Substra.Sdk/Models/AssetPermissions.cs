using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>
/// The permissions stored on an asset (the reference's <c>models.Permissions</c>, renamed so that it does not clash with
/// the spec's <c>Schemas.Permissions</c>). The server also sends <c>download</c>, which is ignored.
/// </summary>
public sealed record AssetPermissions
{
    /// <summary>Who may process the asset.</summary>
    [JsonPropertyName("process")]
    public required Permission Process { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

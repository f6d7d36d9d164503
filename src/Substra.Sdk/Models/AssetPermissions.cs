using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>
/// The permissions stored on an asset (the reference's <c>models.Permissions</c>, renamed so that it does not clash with
/// the spec's <c>Schemas.Permissions</c>). The server also sends <c>download</c>, which is ignored.
/// </summary>
public sealed record AssetPermissions
{
    [JsonPropertyName("process")]
    public required Permission Process { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

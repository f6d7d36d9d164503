using System.Text.Json;
using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>The configuration part of <see cref="OrganizationInfo"/>; extra fields are kept in <see cref="Extra"/>.</summary>
public sealed record OrganizationInfoConfig
{
    [JsonPropertyName("model_export_enabled")]
    public required bool ModelExportEnabled { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

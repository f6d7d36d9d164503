using System.Text.Json;
using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>The configuration part of <see cref="OrganizationInfo"/>; extra fields are kept in <see cref="Extra"/>.</summary>
public sealed record OrganizationInfoConfig
{
    /// <summary>True when models may be downloaded from this organisation.</summary>
    [JsonPropertyName("model_export_enabled")]
    public required bool ModelExportEnabled { get; init; }

    /// <summary>The settings this SDK does not model, as the platform sent them.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

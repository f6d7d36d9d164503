using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>What the organisation's backend says about itself.</summary>
public sealed record OrganizationInfo
{
    /// <summary>The platform's host URL.</summary>
    [JsonPropertyName("host")]
    public required string Host { get; init; }

    /// <summary>The organisation's id.</summary>
    [JsonPropertyName("organization_id")]
    public required string OrganizationId { get; init; }

    /// <summary>The organisation's display name.</summary>
    [JsonPropertyName("organization_name")]
    public required string OrganizationName { get; init; }

    /// <summary>The organisation's settings.</summary>
    [JsonPropertyName("config")]
    public required OrganizationInfoConfig Config { get; init; }

    /// <summary>The orchestrator channel the organisation is on.</summary>
    [JsonPropertyName("channel")]
    public required string Channel { get; init; }

    /// <summary>The backend version.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>The orchestrator version.</summary>
    [JsonPropertyName("orchestrator_version")]
    public required string OrchestratorVersion { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

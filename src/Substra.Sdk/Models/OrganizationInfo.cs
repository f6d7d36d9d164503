using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>What the organisation's backend says about itself.</summary>
public sealed record OrganizationInfo
{
    [JsonPropertyName("host")]
    public required string Host { get; init; }

    [JsonPropertyName("organization_id")]
    public required string OrganizationId { get; init; }

    [JsonPropertyName("organization_name")]
    public required string OrganizationName { get; init; }

    [JsonPropertyName("config")]
    public required OrganizationInfoConfig Config { get; init; }

    [JsonPropertyName("channel")]
    public required string Channel { get; init; }

    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("orchestrator_version")]
    public required string OrchestratorVersion { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A model produced by a task.</summary>
public sealed record OutModel
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("compute_task_key")]
    public required string ComputeTaskKey { get; init; }

    /// <summary>The model file; absent once a transient model was deleted.</summary>
    [JsonPropertyName("address")]
    public InModel? Address { get; init; }

    [JsonPropertyName("permissions")]
    public required AssetPermissions Permissions { get; init; }

    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A model produced by a task.</summary>
public sealed record OutModel
{
    /// <summary>The model's key (a UUID).</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>The task that produced the model.</summary>
    [JsonPropertyName("compute_task_key")]
    public required string ComputeTaskKey { get; init; }

    /// <summary>The model file; absent once a transient model was deleted.</summary>
    [JsonPropertyName("address")]
    public InModel? Address { get; init; }

    /// <summary>Who may read the model.</summary>
    [JsonPropertyName("permissions")]
    public required AssetPermissions Permissions { get; init; }

    /// <summary>The organisation that holds the model.</summary>
    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    /// <summary>When the model was produced.</summary>
    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

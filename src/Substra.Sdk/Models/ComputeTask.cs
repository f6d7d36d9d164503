using System.Text.Json.Serialization;
using Substra.Sdk.Json;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Models;

/// <summary>
/// A task (the reference's <c>models.Task</c>, renamed so that it does not clash with <see cref="System.Threading.Tasks.Task"/>).
/// </summary>
public sealed record ComputeTask
{
    /// <summary>The task's key (a UUID).</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>The whole function the task runs.</summary>
    [JsonPropertyName("function")]
    public required Function Function { get; init; }

    /// <summary>The organisation that created the task.</summary>
    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    /// <summary>The compute plan the task belongs to.</summary>
    [JsonPropertyName("compute_plan_key")]
    public required string ComputePlanKey { get; init; }

    /// <summary>The task's user metadata.</summary>
    // Shared empty defaults: a platform makes 100,000 tasks at once, each given its own values anyway.
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The task's status.</summary>
    [JsonPropertyName("status")]
    public required ComputeTaskStatus Status { get; init; }

    /// <summary>The organisation that runs the task.</summary>
    [JsonPropertyName("worker")]
    public required string Worker { get; init; }

    /// <summary>The task's rank in its plan (0 for tasks without parents); null when the platform gives none.</summary>
    [JsonPropertyName("rank")]
    public int? Rank { get; init; }

    /// <summary>The task's free-form tag; empty when none.</summary>
    [JsonPropertyName("tag")]
    public string Tag { get; init; } = "";

    /// <summary>When the task was created.</summary>
    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>When the task started running; null before.</summary>
    [JsonPropertyName("start_date")]
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>When the task ended; null before.</summary>
    [JsonPropertyName("end_date")]
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>Set when the task failed.</summary>
    [JsonPropertyName("error_type")]
    public TaskErrorType? ErrorType { get; init; }

    /// <summary>The task's inputs: assets and parent task outputs, by function input identifier.</summary>
    [JsonPropertyName("inputs")]
    public IReadOnlyList<InputRef> Inputs { get; init; } = [];

    /// <summary>The task's outputs by function output identifier, with their permissions.</summary>
    [JsonPropertyName("outputs")]
    public IReadOnlyDictionary<string, ComputeTaskOutput> Outputs { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, ComputeTaskOutput>.Empty;

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

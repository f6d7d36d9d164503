using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A compute plan with its status counters.</summary>
public sealed record ComputePlan
{
    /// <summary>The plan's key (a UUID).</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>The plan's free-form tag; empty when none.</summary>
    [JsonPropertyName("tag")]
    public string Tag { get; init; } = "";

    /// <summary>The plan's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The organisation that created the plan.</summary>
    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    /// <summary>The plan's user metadata.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The number of tasks in the plan.</summary>
    [JsonPropertyName("task_count")]
    public int TaskCount { get; init; }

    /// <summary>Tasks waiting for a builder slot.</summary>
    [JsonPropertyName("waiting_builder_slot_count")]
    public int WaitingBuilderSlotCount { get; init; }

    /// <summary>Tasks whose function is being built.</summary>
    [JsonPropertyName("building_count")]
    public int BuildingCount { get; init; }

    /// <summary>Tasks waiting for their parent tasks.</summary>
    [JsonPropertyName("waiting_parent_tasks_count")]
    public int WaitingParentTasksCount { get; init; }

    /// <summary>Tasks waiting for an executor slot.</summary>
    [JsonPropertyName("waiting_executor_slot_count")]
    public int WaitingExecutorSlotCount { get; init; }

    /// <summary>Tasks running now.</summary>
    [JsonPropertyName("executing_count")]
    public int ExecutingCount { get; init; }

    /// <summary>Canceled tasks.</summary>
    [JsonPropertyName("canceled_count")]
    public int CanceledCount { get; init; }

    /// <summary>Failed tasks.</summary>
    [JsonPropertyName("failed_count")]
    public int FailedCount { get; init; }

    /// <summary>Tasks done.</summary>
    [JsonPropertyName("done_count")]
    public int DoneCount { get; init; }

    /// <summary>The first task that failed, when the plan failed.</summary>
    [JsonPropertyName("failed_task_key")]
    public string? FailedTaskKey { get; init; }

    /// <summary>The plan's status, derived from its tasks'.</summary>
    [JsonPropertyName("status")]
    public required ComputePlanStatus Status { get; init; }

    /// <summary>When the plan was created.</summary>
    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>When the plan's first task started; null before.</summary>
    [JsonPropertyName("start_date")]
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>When the plan ended; null while it runs.</summary>
    [JsonPropertyName("end_date")]
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>The platform's estimate of when the plan ends, when it has one.</summary>
    [JsonPropertyName("estimated_end_date")]
    public DateTimeOffset? EstimatedEndDate { get; init; }

    /// <summary>Duration in seconds; the server may send it as a string (<c>"90"</c>).</summary>
    [JsonPropertyName("duration")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Duration { get; init; }

    /// <summary>The user who created the plan, when the platform reports it.</summary>
    [JsonPropertyName("creator")]
    public string? Creator { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

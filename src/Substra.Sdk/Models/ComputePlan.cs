using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A compute plan with its status counters.</summary>
public sealed record ComputePlan
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("tag")]
    public string Tag { get; init; } = "";

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("task_count")]
    public int TaskCount { get; init; }

    [JsonPropertyName("waiting_builder_slot_count")]
    public int WaitingBuilderSlotCount { get; init; }

    [JsonPropertyName("building_count")]
    public int BuildingCount { get; init; }

    [JsonPropertyName("waiting_parent_tasks_count")]
    public int WaitingParentTasksCount { get; init; }

    [JsonPropertyName("waiting_executor_slot_count")]
    public int WaitingExecutorSlotCount { get; init; }

    [JsonPropertyName("executing_count")]
    public int ExecutingCount { get; init; }

    [JsonPropertyName("canceled_count")]
    public int CanceledCount { get; init; }

    [JsonPropertyName("failed_count")]
    public int FailedCount { get; init; }

    [JsonPropertyName("done_count")]
    public int DoneCount { get; init; }

    /// <summary>The first task that failed, when the plan failed.</summary>
    [JsonPropertyName("failed_task_key")]
    public string? FailedTaskKey { get; init; }

    [JsonPropertyName("status")]
    public required ComputePlanStatus Status { get; init; }

    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    [JsonPropertyName("start_date")]
    public DateTimeOffset? StartDate { get; init; }

    [JsonPropertyName("end_date")]
    public DateTimeOffset? EndDate { get; init; }

    [JsonPropertyName("estimated_end_date")]
    public DateTimeOffset? EstimatedEndDate { get; init; }

    /// <summary>Duration in seconds; the server may send it as a string (<c>"90"</c>).</summary>
    [JsonPropertyName("duration")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Duration { get; init; }

    [JsonPropertyName("creator")]
    public string? Creator { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

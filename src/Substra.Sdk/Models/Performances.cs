using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>
/// The performances of a compute plan as parallel columns (one entry per task and performance output), the reference's
/// DataFrame-ready shape. <see cref="Rows"/> gives the same data row by row.
/// </summary>
public sealed record Performances
{
    /// <summary>Column <c>compute_plan_key</c>: the plan of each row.</summary>
    [JsonPropertyName("compute_plan_key")]
    public IReadOnlyList<string> ComputePlanKey { get; init; } = [];

    /// <summary>Column <c>compute_plan_tag</c>: the plan's tag.</summary>
    [JsonPropertyName("compute_plan_tag")]
    public IReadOnlyList<string> ComputePlanTag { get; init; } = [];

    /// <summary>Column <c>compute_plan_status</c>: the plan's status.</summary>
    [JsonPropertyName("compute_plan_status")]
    public IReadOnlyList<ComputePlanStatus> ComputePlanStatus { get; init; } = [];

    /// <summary>Column <c>compute_plan_start_date</c>: when the plan started.</summary>
    [JsonPropertyName("compute_plan_start_date")]
    public IReadOnlyList<DateTimeOffset?> ComputePlanStartDate { get; init; } = [];

    /// <summary>Column <c>compute_plan_end_date</c>: when the plan ended.</summary>
    [JsonPropertyName("compute_plan_end_date")]
    public IReadOnlyList<DateTimeOffset?> ComputePlanEndDate { get; init; } = [];

    /// <summary>Column <c>compute_plan_metadata</c>: the plan's metadata.</summary>
    [JsonPropertyName("compute_plan_metadata")]
    public IReadOnlyList<IReadOnlyDictionary<string, string>> ComputePlanMetadata { get; init; } = [];

    /// <summary>Column <c>worker</c>: the organisation that computed the performance.</summary>
    [JsonPropertyName("worker")]
    public IReadOnlyList<string> Worker { get; init; } = [];

    /// <summary>Column <c>task_key</c>: the task that computed the performance.</summary>
    [JsonPropertyName("task_key")]
    public IReadOnlyList<string> TaskKey { get; init; } = [];

    /// <summary>Column <c>task_rank</c>: that task's rank.</summary>
    [JsonPropertyName("task_rank")]
    public IReadOnlyList<int?> TaskRank { get; init; } = [];

    /// <summary>Column <c>round_idx</c>: the task's round, from its <c>round_idx</c> metadata.</summary>
    [JsonPropertyName("round_idx")]
    public IReadOnlyList<int?> RoundIdx { get; init; } = [];

    /// <summary>Column <c>identifier</c>: the function output the performance came from.</summary>
    [JsonPropertyName("identifier")]
    public IReadOnlyList<string> Identifier { get; init; } = [];

    /// <summary>Column <c>performance</c>: the value.</summary>
    [JsonPropertyName("performance")]
    public IReadOnlyList<double> Performance { get; init; } = [];

    /// <summary>The number of rows.</summary>
    [JsonIgnore]
    public int Count => TaskKey.Count;

    /// <summary>The rows, in column order.</summary>
    [JsonIgnore]
    public IEnumerable<PerformanceRow> Rows => Enumerable.Range(0, Count).Select(index => new PerformanceRow(
        ComputePlanKey[index], ComputePlanTag[index], ComputePlanStatus[index], ComputePlanStartDate[index],
        ComputePlanEndDate[index], ComputePlanMetadata[index], Worker[index], TaskKey[index], TaskRank[index],
        RoundIdx[index], Identifier[index], Performance[index]));

    /// <summary>Builds the columns from rows.</summary>
    public static Performances FromRows(IEnumerable<PerformanceRow> rows)
    {
        var list = rows.ToList();
        return new Performances
        {
            ComputePlanKey = list.Select(row => row.ComputePlanKey).ToArray(),
            ComputePlanTag = list.Select(row => row.ComputePlanTag).ToArray(),
            ComputePlanStatus = list.Select(row => row.ComputePlanStatus).ToArray(),
            ComputePlanStartDate = list.Select(row => row.ComputePlanStartDate).ToArray(),
            ComputePlanEndDate = list.Select(row => row.ComputePlanEndDate).ToArray(),
            ComputePlanMetadata = list.Select(row => row.ComputePlanMetadata).ToArray(),
            Worker = list.Select(row => row.Worker).ToArray(),
            TaskKey = list.Select(row => row.TaskKey).ToArray(),
            TaskRank = list.Select(row => row.TaskRank).ToArray(),
            RoundIdx = list.Select(row => row.RoundIdx).ToArray(),
            Identifier = list.Select(row => row.Identifier).ToArray(),
            Performance = list.Select(row => row.Performance).ToArray(),
        };
    }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

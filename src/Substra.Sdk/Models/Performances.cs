using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>
/// The performances of a compute plan as parallel columns (one entry per task and performance output), the reference's
/// DataFrame-ready shape. <see cref="Rows"/> gives the same data row by row.
/// </summary>
public sealed record Performances
{
    [JsonPropertyName("compute_plan_key")]
    public IReadOnlyList<string> ComputePlanKey { get; init; } = [];

    [JsonPropertyName("compute_plan_tag")]
    public IReadOnlyList<string> ComputePlanTag { get; init; } = [];

    [JsonPropertyName("compute_plan_status")]
    public IReadOnlyList<ComputePlanStatus> ComputePlanStatus { get; init; } = [];

    [JsonPropertyName("compute_plan_start_date")]
    public IReadOnlyList<DateTimeOffset?> ComputePlanStartDate { get; init; } = [];

    [JsonPropertyName("compute_plan_end_date")]
    public IReadOnlyList<DateTimeOffset?> ComputePlanEndDate { get; init; } = [];

    [JsonPropertyName("compute_plan_metadata")]
    public IReadOnlyList<IReadOnlyDictionary<string, string>> ComputePlanMetadata { get; init; } = [];

    [JsonPropertyName("worker")]
    public IReadOnlyList<string> Worker { get; init; } = [];

    [JsonPropertyName("task_key")]
    public IReadOnlyList<string> TaskKey { get; init; } = [];

    [JsonPropertyName("task_rank")]
    public IReadOnlyList<int?> TaskRank { get; init; } = [];

    [JsonPropertyName("round_idx")]
    public IReadOnlyList<int?> RoundIdx { get; init; } = [];

    [JsonPropertyName("identifier")]
    public IReadOnlyList<string> Identifier { get; init; } = [];

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

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using Substra.Sdk.Schemas;
using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>
/// A task (the reference's <c>models.Task</c>, renamed so that it does not clash with <see cref="System.Threading.Tasks.Task"/>).
/// </summary>
public sealed record ComputeTask
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>The whole function the task runs.</summary>
    [JsonPropertyName("function")]
    public required Function Function { get; init; }

    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    [JsonPropertyName("compute_plan_key")]
    public required string ComputePlanKey { get; init; }

    // Shared empty defaults: a platform makes 100,000 tasks at once, each given its own values anyway.
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    [JsonPropertyName("status")]
    public required ComputeTaskStatus Status { get; init; }

    [JsonPropertyName("worker")]
    public required string Worker { get; init; }

    [JsonPropertyName("rank")]
    public int? Rank { get; init; }

    [JsonPropertyName("tag")]
    public string Tag { get; init; } = "";

    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    [JsonPropertyName("start_date")]
    public DateTimeOffset? StartDate { get; init; }

    [JsonPropertyName("end_date")]
    public DateTimeOffset? EndDate { get; init; }

    /// <summary>Set when the task failed.</summary>
    [JsonPropertyName("error_type")]
    public TaskErrorType? ErrorType { get; init; }

    [JsonPropertyName("inputs")]
    public IReadOnlyList<InputRef> Inputs { get; init; } = [];

    [JsonPropertyName("outputs")]
    public IReadOnlyDictionary<string, ComputeTaskOutput> Outputs { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, ComputeTaskOutput>.Empty;

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

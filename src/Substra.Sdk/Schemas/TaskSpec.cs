using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>A single task, standalone or added to an existing compute plan.</summary>
public sealed record TaskSpec
{
    /// <summary>The task key; a new UUID by default.</summary>
    [JsonPropertyName("key")]
    public string Key { get; init; } = Guid.NewGuid().ToString();

    [JsonPropertyName("tag")]
    public string? Tag { get; init; }

    /// <summary>The plan to add the task to; a new plan is created when absent.</summary>
    [JsonPropertyName("compute_plan_key")]
    public string? ComputePlanKey { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    [JsonPropertyName("function_key")]
    public required string FunctionKey { get; init; }

    /// <summary>The organisation that runs the task.</summary>
    [JsonPropertyName("worker")]
    public required string Worker { get; init; }

    [JsonPropertyName("rank")]
    public int? Rank { get; init; }

    [JsonPropertyName("inputs")]
    public IReadOnlyList<InputRef>? Inputs { get; init; }

    [JsonPropertyName("outputs")]
    public IReadOnlyDictionary<string, ComputeTaskOutputSpec>? Outputs { get; init; }

    public TaskSpec Validate()
    {
        SpecRules.Require(Key, "key", "the task key");
        SpecRules.Require(FunctionKey, "function_key", "the key of the function the task runs");
        SpecRules.Require(Worker, "worker", "the organisation that runs the task");
        SpecRules.RequireUuid(Key, "key");
        SpecRules.RequireUuid(ComputePlanKey, "compute_plan_key");
        SpecRules.ValidateWiring(Inputs, Outputs);

        return this;
    }

    /// <summary>The task of a plan as a standalone spec: <c>task_id</c> becomes <c>key</c> (the reference's <c>from_compute_plan</c>).</summary>
    public static TaskSpec FromComputePlan(string computePlanKey, int? rank, ComputePlanTaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new TaskSpec
        {
            Key = spec.TaskId,
            FunctionKey = spec.FunctionKey,
            Inputs = spec.Inputs,
            Outputs = spec.Outputs,
            Tag = spec.Tag,
            ComputePlanKey = computePlanKey,
            Rank = rank,
            Metadata = spec.Metadata,
            Worker = spec.Worker,
        };
    }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>A single task, standalone or added to an existing compute plan.</summary>
public sealed record TaskSpec
{
    /// <summary>The task key; a new UUID by default.</summary>
    [JsonPropertyName("key")]
    public string Key { get; init; } = Guid.NewGuid().ToString();

    /// <summary>A free-form tag.</summary>
    [JsonPropertyName("tag")]
    public string? Tag { get; init; }

    /// <summary>The plan to add the task to; a new plan is created when absent.</summary>
    [JsonPropertyName("compute_plan_key")]
    public string? ComputePlanKey { get; init; }

    /// <summary>User metadata.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The function the task runs.</summary>
    [JsonPropertyName("function_key")]
    public required string FunctionKey { get; init; }

    /// <summary>The organisation that runs the task.</summary>
    [JsonPropertyName("worker")]
    public required string Worker { get; init; }

    /// <summary>The task's rank in its plan (sent to the function in its task properties); unset when null.</summary>
    [JsonPropertyName("rank")]
    public int? Rank { get; init; }

    /// <summary>The task's inputs: assets and parent task outputs, by function input identifier.</summary>
    [JsonPropertyName("inputs")]
    public IReadOnlyList<InputRef>? Inputs { get; init; }

    /// <summary>The task's outputs by function output identifier, with their permissions.</summary>
    [JsonPropertyName("outputs")]
    public IReadOnlyDictionary<string, ComputeTaskOutputSpec>? Outputs { get; init; }

    /// <summary>Checks the spec as the reference does and returns it normalised; throws <see cref="Exceptions.SpecValidationException"/> naming the field at fault.</summary>
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>A task inside a compute plan spec; <see cref="TaskId"/> becomes its key and parents refer to it.</summary>
public sealed record ComputePlanTaskSpec
{
    /// <summary>The task's id within the plan (a UUID); it becomes the task key.</summary>
    [JsonPropertyName("task_id")]
    public required string TaskId { get; init; }

    /// <summary>The function the task runs.</summary>
    [JsonPropertyName("function_key")]
    public required string FunctionKey { get; init; }

    /// <summary>The organisation that runs the task.</summary>
    [JsonPropertyName("worker")]
    public required string Worker { get; init; }

    /// <summary>A free-form tag.</summary>
    [JsonPropertyName("tag")]
    public string? Tag { get; init; }

    /// <summary>User metadata.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The task's inputs: assets and parent task outputs, by function input identifier.</summary>
    [JsonPropertyName("inputs")]
    public IReadOnlyList<InputRef>? Inputs { get; init; }

    /// <summary>The task's outputs by function output identifier, with their permissions.</summary>
    [JsonPropertyName("outputs")]
    public IReadOnlyDictionary<string, ComputeTaskOutputSpec>? Outputs { get; init; }

    /// <summary>Checks the spec as the reference does and returns it normalised; throws <see cref="Exceptions.SpecValidationException"/> naming the field at fault.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ComputePlanTaskSpec Validate()
    {
        SpecRules.Require(TaskId, "task_id", "the task's id in the plan");
        SpecRules.Require(FunctionKey, "function_key", "the key of the function the task runs");
        SpecRules.Require(Worker, "worker", "the organisation that runs the task");
        SpecRules.RequireUuid(TaskId, "task_id");
        SpecRules.ValidateWiring(Inputs, Outputs);

        return this;
    }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

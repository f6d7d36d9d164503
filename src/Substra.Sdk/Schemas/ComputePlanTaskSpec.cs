using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>A task inside a compute plan spec; <see cref="TaskId"/> becomes its key and parents refer to it.</summary>
public sealed record ComputePlanTaskSpec
{
    [JsonPropertyName("task_id")]
    public required string TaskId { get; init; }

    [JsonPropertyName("function_key")]
    public required string FunctionKey { get; init; }

    [JsonPropertyName("worker")]
    public required string Worker { get; init; }

    [JsonPropertyName("tag")]
    public string? Tag { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    [JsonPropertyName("inputs")]
    public IReadOnlyList<InputRef>? Inputs { get; init; }

    [JsonPropertyName("outputs")]
    public IReadOnlyDictionary<string, ComputeTaskOutputSpec>? Outputs { get; init; }

    public ComputePlanTaskSpec Validate()
    {
        SpecRules.Require(TaskId, "task_id", "the task's id in the plan");
        SpecRules.Require(FunctionKey, "function_key", "the key of the function the task runs");
        SpecRules.Require(Worker, "worker", "the organisation that runs the task");
        SpecRules.RequireUuid(TaskId, "task_id");
        SpecRules.ValidateWiring(Inputs, Outputs);

        return this;
    }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

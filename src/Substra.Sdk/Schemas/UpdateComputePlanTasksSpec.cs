using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>Tasks to add to the existing compute plan <see cref="Key"/>.</summary>
public sealed record UpdateComputePlanTasksSpec
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("tasks")]
    public IReadOnlyList<ComputePlanTaskSpec>? Tasks { get; init; }

    public UpdateComputePlanTasksSpec Validate()
    {
        SpecRules.Require(Key, "key", "the key of the plan to add tasks to");
        foreach (var task in Tasks ?? [])
        {
            task.Validate();
        }

        return this;
    }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>Tasks to add to the existing compute plan <see cref="Key"/>.</summary>
public sealed record UpdateComputePlanTasksSpec
{
    /// <summary>The plan the tasks are added to.</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>The tasks to add.</summary>
    [JsonPropertyName("tasks")]
    public IReadOnlyList<ComputePlanTaskSpec>? Tasks { get; init; }

    /// <summary>Checks the spec as the reference does and returns it normalised; throws <see cref="Exceptions.SpecValidationException"/> naming the field at fault.</summary>
    public UpdateComputePlanTasksSpec Validate()
    {
        SpecRules.Require(Key, "key", "the key of the plan to add tasks to");
        foreach (var task in Tasks ?? [])
        {
            task.Validate();
        }

        return this;
    }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>A compute plan: a name, a key (a UUID) and the DAG of its tasks.</summary>
public sealed record ComputePlanSpec
{
    /// <summary>The plan key, a UUID; a new one by default.</summary>
    [JsonPropertyName("key")]
    public string Key { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The plan's tasks; none for an empty plan that tasks are added to later.</summary>
    [JsonPropertyName("tasks")]
    public IReadOnlyList<ComputePlanTaskSpec>? Tasks { get; init; }

    /// <summary>A free-form tag.</summary>
    [JsonPropertyName("tag")]
    public string? Tag { get; init; }

    /// <summary>The plan's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>User metadata.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Checks the spec as the reference does and returns it normalised; throws <see cref="Exceptions.SpecValidationException"/> naming the field at fault.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ComputePlanSpec Validate()
    {
        SpecRules.Require(Key, "key", "the plan key, a UUID");
        SpecRules.Require(Name, "name", "the plan's name");
        foreach (var task in Tasks ?? [])
        {
            task.Validate();
        }

        return this;
    }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

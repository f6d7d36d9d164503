using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>A compute plan: a name, a key (a UUID) and the DAG of its tasks.</summary>
public sealed record ComputePlanSpec
{
    /// <summary>The plan key, a UUID; a new one by default.</summary>
    [JsonPropertyName("key")]
    public string Key { get; init; } = Guid.NewGuid().ToString();

    [JsonPropertyName("tasks")]
    public IReadOnlyList<ComputePlanTaskSpec>? Tasks { get; init; }

    [JsonPropertyName("tag")]
    public string? Tag { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

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

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

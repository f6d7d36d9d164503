using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>Renames a compute plan.</summary>
public sealed record UpdateComputePlanSpec
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    public UpdateComputePlanSpec Validate()
    {
        SpecRules.Require(Name, "name", "the new name");
        return this;
    }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>Renames a compute plan.</summary>
public sealed record UpdateComputePlanSpec
{
    /// <summary>The plan's new name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Checks the spec as the reference does and returns it normalised; throws <see cref="Exceptions.SpecValidationException"/> naming the field at fault.</summary>
    public UpdateComputePlanSpec Validate()
    {
        SpecRules.Require(Name, "name", "the new name");
        return this;
    }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

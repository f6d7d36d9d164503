using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>Renames a function.</summary>
public sealed record UpdateFunctionSpec
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    public UpdateFunctionSpec Validate()
    {
        SpecRules.Require(Name, "name", "the new name");
        return this;
    }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

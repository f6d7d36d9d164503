using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>Renames a dataset.</summary>
public sealed record UpdateDatasetSpec
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    public UpdateDatasetSpec Validate()
    {
        SpecRules.Require(Name, "name", "the new name");
        return this;
    }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Text.Json.Serialization;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Json;
using Substra.Tools.Schema;

namespace Substra.Sdk.Schemas;

/// <summary>A function output: identifier, kind, and whether it is multiple.</summary>
public sealed record FunctionOutputSpec
{
    [JsonPropertyName("identifier")]
    public required string Identifier { get; init; }

    [JsonPropertyName("kind")]
    [JsonConverter(typeof(AssetKindJsonConverter))]
    public required AssetKind Kind { get; init; }

    [JsonPropertyName("multiple")]
    public bool Multiple { get; init; }

    /// <summary>A performance output cannot be multiple (the reference means to enforce this but never does).</summary>
    public FunctionOutputSpec Validate()
    {
        SpecRules.Require(Identifier, "identifier", "the output's identifier");
        if (Kind == AssetKind.Performance && Multiple)
        {
            throw new SpecValidationException("Performance can't be multiple.", nameof(Multiple));
        }

        return this;
    }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

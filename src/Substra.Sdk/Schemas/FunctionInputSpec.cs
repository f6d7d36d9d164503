using System.Text.Json.Serialization;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Json;
using Substra.Tools.Schema;

namespace Substra.Sdk.Schemas;

/// <summary>A function input: identifier, kind, and whether it is multiple or optional.</summary>
public sealed record FunctionInputSpec
{
    [JsonPropertyName("identifier")]
    public required string Identifier { get; init; }

    [JsonPropertyName("kind")]
    [JsonConverter(typeof(AssetKindJsonConverter))]
    public required AssetKind Kind { get; init; }

    [JsonPropertyName("optional")]
    public bool Optional { get; init; }

    [JsonPropertyName("multiple")]
    public bool Multiple { get; init; }

    /// <summary>The reference's rules on the reserved identifiers <c>opener</c>, <c>datasamples</c> and <c>chainkeys</c>.</summary>
    public FunctionInputSpec Validate()
    {
        SpecRules.Require(Identifier, "identifier", "the input's identifier");
        var opener = StaticInputIdentifier.Opener.ToWireName();
        var dataSamples = StaticInputIdentifier.DataSamples.ToWireName();
        switch (Kind)
        {
            case AssetKind.DataManager:
                if (Multiple)
                {
                    throw new SpecValidationException("Data manager input can't be multiple.", nameof(Multiple));
                }

                if (Optional)
                {
                    throw new SpecValidationException("Data manager input can't be optional.", nameof(Optional));
                }

                if (Identifier != opener)
                {
                    throw new SpecValidationException(
                        $"Data manager input identifier must be `{opener}` but was set to {Identifier}", nameof(Identifier));
                }

                break;
            case AssetKind.DataSample:
                if (Identifier != dataSamples)
                {
                    throw new SpecValidationException(
                        $"Data sample input identifier must be `{dataSamples}` but was set to {Identifier}", nameof(Identifier));
                }

                break;
            default:
                if (WireNames.TryParseWireName<StaticInputIdentifier>(Identifier, out _))
                {
                    throw new SpecValidationException(
                        $"Inputs of kind {Kind.ToWireName()} cannot have an identifier among the following: "
                        + $"{string.Join(", ", WireNames.AllWireNames<StaticInputIdentifier>())}",
                        nameof(Identifier));
                }

                break;
        }

        return this;
    }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

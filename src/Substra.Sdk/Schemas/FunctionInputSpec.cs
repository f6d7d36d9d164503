using System.Text.Json.Serialization;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Json;
using Substra.Tools.Schema;

namespace Substra.Sdk.Schemas;

/// <summary>A function input: identifier, kind, and whether it is multiple or optional.</summary>
public sealed record FunctionInputSpec
{
    /// <summary>The input's identifier, which tasks use to bind an asset to it.</summary>
    [JsonPropertyName("identifier")]
    public required string Identifier { get; init; }

    /// <summary>The kind of asset the input takes.</summary>
    [JsonPropertyName("kind")]
    [JsonConverter(typeof(AssetKindJsonConverter))]
    public required AssetKind Kind { get; init; }

    /// <summary>True when a task may leave the input unset.</summary>
    [JsonPropertyName("optional")]
    public bool Optional { get; init; }

    /// <summary>True when the input takes several assets.</summary>
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

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

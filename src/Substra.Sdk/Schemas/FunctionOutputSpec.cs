using System.Text.Json.Serialization;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Json;
using Substra.Tools.Schema;

namespace Substra.Sdk.Schemas;

/// <summary>A function output: identifier, kind, and whether it is multiple.</summary>
public sealed record FunctionOutputSpec
{
    /// <summary>The output's identifier, which child tasks use to reference it.</summary>
    [JsonPropertyName("identifier")]
    public required string Identifier { get; init; }

    /// <summary>The kind of asset the output produces.</summary>
    [JsonPropertyName("kind")]
    [JsonConverter(typeof(AssetKindJsonConverter))]
    public required AssetKind Kind { get; init; }

    /// <summary>True when the output produces several assets.</summary>
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

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

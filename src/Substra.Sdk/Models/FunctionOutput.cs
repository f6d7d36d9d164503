using System.Text.Json.Serialization;
using Substra.Sdk.Json;
using Substra.Tools.Schema;

namespace Substra.Sdk.Models;

/// <summary>An output of a registered function.</summary>
public sealed record FunctionOutput
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

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

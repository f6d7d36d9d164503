using System.Text.Json.Serialization;
using Substra.Sdk.Json;
using Substra.Tools.Schema;

namespace Substra.Sdk.Models;

/// <summary>An input of a registered function.</summary>
public sealed record FunctionInput
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

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using Substra.Tools.Schema;
using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>An input of a registered function.</summary>
public sealed record FunctionInput
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

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

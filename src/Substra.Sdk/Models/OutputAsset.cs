using System.Text.Json.Serialization;
using Substra.Sdk.Json;
using Substra.Tools.Schema;

namespace Substra.Sdk.Models;

/// <summary>
/// An output of a task: a performance value (kind ASSET_PERFORMANCE; the server's <c>{"performance_value": …}</c> is
/// unwrapped) or a model (ASSET_MODEL).
/// </summary>
[JsonConverter(typeof(OutputAssetJsonConverter))]
public sealed record OutputAsset
{
    /// <summary>The kind of the asset.</summary>
    public required AssetKind Kind { get; init; }

    /// <summary>The function output that produced the asset.</summary>
    public required string Identifier { get; init; }

    /// <summary>Set for a performance output.</summary>
    public double? Performance { get; init; }

    /// <summary>Set for a model output.</summary>
    public OutModel? Model { get; init; }

    /// <summary>The asset, whatever its kind (the reference's <c>asset</c>: a float or an OutModel).</summary>
    [JsonIgnore]
    public object Asset => (object?)Model ?? Performance
        ?? throw new InvalidOperationException($"The output asset '{Identifier}' holds no asset.");

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

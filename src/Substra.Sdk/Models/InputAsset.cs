using System.Text.Json.Serialization;
using Substra.Sdk.Json;
using Substra.Tools.Schema;

namespace Substra.Sdk.Models;

/// <summary>
/// An asset a task consumed: a dataset (kind ASSET_DATA_MANAGER), a data sample (ASSET_DATA_SAMPLE) or a model (ASSET_MODEL).
/// Exactly one of <see cref="Dataset"/>, <see cref="DataSample"/> and <see cref="Model"/> is set, per <see cref="Kind"/>.
/// </summary>
[JsonConverter(typeof(InputAssetJsonConverter))]
public sealed record InputAsset
{
    /// <summary>The kind of the asset.</summary>
    public required AssetKind Kind { get; init; }

    /// <summary>The function input the asset is bound to.</summary>
    public required string Identifier { get; init; }

    /// <summary>The dataset, when the asset is one.</summary>
    public Dataset? Dataset { get; init; }

    /// <summary>The data sample, when the asset is one.</summary>
    public DataSample? DataSample { get; init; }

    /// <summary>The model, when the asset is one.</summary>
    public OutModel? Model { get; init; }

    /// <summary>The asset, whatever its kind (the reference's <c>asset</c>).</summary>
    [JsonIgnore]
    public object Asset => (object?)Dataset ?? (object?)DataSample ?? Model
        ?? throw new InvalidOperationException($"The input asset '{Identifier}' holds no asset.");

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using Substra.Tools.Schema;

namespace Substra.Sdk;

/// <summary>The reference's <c>Type.to_server()</c> and <c>Type.to_asset_kind()</c>.</summary>
internal static class AssetTypeExtensions
{
    /// <summary>The name of the type in REST paths: <c>dataset</c> is <c>data_manager</c>; the others are unchanged.</summary>
    public static string ToServerName(this AssetType assetType)
        => assetType == AssetType.Dataset ? "data_manager" : assetType.ToWireName();

    /// <summary>The asset kind of datasets, data samples and models.</summary>
    public static AssetKind ToAssetKind(this AssetType assetType) => assetType switch
    {
        AssetType.Dataset => AssetKind.DataManager,
        AssetType.DataSample => AssetKind.DataSample,
        AssetType.Model => AssetKind.Model,
        _ => throw new ArgumentOutOfRangeException(nameof(assetType), assetType, $"{assetType} has no asset kind."),
    };
}

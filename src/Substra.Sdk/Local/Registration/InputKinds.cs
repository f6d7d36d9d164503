using Substra.Tools.Schema;

namespace Substra.Sdk.Local.Registration;

/// <summary>
/// How registration describes an asset kind in its errors (the kind of a key is found by <see cref="RecentAssetLookups"/>).
/// </summary>
internal static class InputKinds
{
    /// <summary>"a dataset (ASSET_DATA_MANAGER)": what users call the asset, then the platform's name of its kind.</summary>
    public static string Describe(AssetKind kind) => kind switch
    {
        AssetKind.Model => "a model (ASSET_MODEL)",
        AssetKind.DataManager => "a dataset (ASSET_DATA_MANAGER)",
        AssetKind.DataSample => "a data sample (ASSET_DATA_SAMPLE)",
        AssetKind.Performance => "a performance (ASSET_PERFORMANCE)",
        _ => kind.ToString(),
    };

    /// <summary>How to give an input of <paramref name="kind"/>.</summary>
    public static string Fix(AssetKind kind) => kind switch
    {
        AssetKind.Model => "give the key of a model, or a parent task and its model output",
        AssetKind.DataManager => "give the key of a dataset",
        AssetKind.DataSample => "give the key of a data sample",
        _ => "performances cannot be task inputs: declare this function input as a model",
    };
}

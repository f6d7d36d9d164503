using System.Runtime.CompilerServices;
using Substra.Sdk.Local.Store;
using Substra.Tools.Schema;

namespace Substra.Sdk.Local.Registration;

/// <summary>
/// What kind of asset a task input key names, and how registration describes a kind in its errors. Remote datasets and
/// samples (hybrid mode) have their kind too; a key found nowhere has none (the NotFound check reports it).
/// </summary>
internal static class InputKinds
{
    /// <summary>The kind of the asset <paramref name="key"/>, or null when no registered or fetched asset has it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static AssetKind? Of(LocalStore store, string key) =>
        store.Datasets.ContainsKey(key) || store.RemoteDatasets.ContainsKey(key) ? AssetKind.DataManager
        : store.DataSamples.ContainsKey(key) || store.RemoteDataSamples.ContainsKey(key) ? AssetKind.DataSample
        : store.Models.ContainsKey(key) ? AssetKind.Model
        : null;

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

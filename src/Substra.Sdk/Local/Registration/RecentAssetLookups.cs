using System.Runtime.CompilerServices;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Models;
using Substra.Tools.Schema;

namespace Substra.Sdk.Local.Registration;

/// <summary>
/// The store's answers for the asset and function keys of one registration, kept by key instance: the tasks of a plan
/// share their datasets, samples and functions (usually the very same strings), so a plan of 100,000 tasks hashes each
/// key a few times in all instead of several times per task. Valid while the store does not change (under its lock).
/// </summary>
internal sealed class RecentAssetLookups(LocalStore store)
{
    private readonly RecentByIdentity<string, AssetLookup> _assets = new();
    private readonly RecentByIdentity<string, Function?> _functions = new();

    /// <summary>What <paramref name="key"/> names: a dataset, a data sample, a model or nothing (Kind null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AssetLookup Asset(string key)
    {
        if (!_assets.TryGet(key, out var found))
        {
            _assets.Set(key, found = Lookup(key));
        }

        return found;
    }

    /// <summary>The registered (or, in hybrid mode, fetched) function <paramref name="key"/>, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Function? Function(string key)
    {
        if (!_functions.TryGet(key, out var found))
        {
            _functions.Set(key, found = store.Functions.GetValueOrDefault(key) ?? store.RemoteFunctions.GetValueOrDefault(key));
        }

        return found;
    }

    // The precedence of the kinds is the platform's: a dataset, then a data sample, then a model.
    private AssetLookup Lookup(string key) =>
        store.Datasets.TryGetValue(key, out var dataset) || store.RemoteDatasets.TryGetValue(key, out dataset)
            ? new AssetLookup(AssetKind.DataManager, dataset, null)
        : store.DataSamples.TryGetValue(key, out var sample) || store.RemoteDataSamples.TryGetValue(key, out sample)
            ? new AssetLookup(AssetKind.DataSample, null, sample)
        : store.Models.ContainsKey(key) ? new AssetLookup(AssetKind.Model, null, null)
        : new AssetLookup(null, null, null);
}

/// <summary>The asset an input key names: its kind (null when none has the key), and the dataset or sample itself.</summary>
internal readonly record struct AssetLookup(AssetKind? Kind, Dataset? Dataset, DataSample? Sample);

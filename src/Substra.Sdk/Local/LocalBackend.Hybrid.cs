using Substra.Sdk.Models;

namespace Substra.Sdk.Local;

// What hybrid mode (Hybrid/HybridBackend.cs) asks of the local backend: whether it holds a key, and to keep the platform
// functions, datasets and data samples that local tasks use, with their files downloaded into the content store.
internal sealed partial class LocalBackend
{
    /// <summary>True when this client is the local half of a hybrid backend (the validator then explains remote models).</summary>
    internal bool IsHybrid => _hybrid;

    /// <summary>True when the platform holds <paramref name="key"/> as a local asset, plan or task.</summary>
    internal bool Holds(string key)
    {
        lock (_store.Gate)
        {
            return _store.Tasks.ContainsKey(key) || _store.Plans.ContainsKey(key) || _store.Functions.ContainsKey(key)
                || _store.Datasets.ContainsKey(key) || _store.DataSamples.ContainsKey(key) || _store.Models.ContainsKey(key);
        }
    }

    /// <summary>A function local tasks can run: registered here, or fetched with its archive still on disk.</summary>
    internal bool CanRunFunction(string key)
    {
        lock (_store.Gate)
        {
            return _store.Functions.ContainsKey(key) ||
                (_store.RemoteFunctions.TryGetValue(key, out var fetched) && File.Exists(fetched.Archive.StorageAddress));
        }
    }

    /// <summary>A dataset local tasks can open: registered here, or fetched with its opener still on disk.</summary>
    internal bool CanOpenDataset(string key)
    {
        lock (_store.Gate)
        {
            return _store.Datasets.ContainsKey(key) ||
                (_store.RemoteDatasets.TryGetValue(key, out var fetched) && File.Exists(fetched.Opener.StorageAddress));
        }
    }

    internal bool KnowsDataSample(string key)
    {
        lock (_store.Gate)
        {
            return _store.DataSamples.ContainsKey(key) || _store.RemoteDataSamples.ContainsKey(key);
        }
    }

    internal void KeepRemoteFunction(Function function) => _store.Write(() => _store.SaveRemoteFunction(function));

    internal void KeepRemoteDataset(Dataset dataset) => _store.Write(() => _store.SaveRemoteDataset(dataset));

    internal void KeepRemoteDataSample(DataSample sample) => _store.Write(() => _store.SaveRemoteDataSample(sample));

    /// <summary>Downloads a platform file into the content store; returns its stored path.</summary>
    internal async Task<string> DownloadIntoStoreAsync(Func<string, Task> download, string role) =>
        (await _platform.Content.AddWrittenAsync(download, role).ConfigureAwait(false)).Path;
}

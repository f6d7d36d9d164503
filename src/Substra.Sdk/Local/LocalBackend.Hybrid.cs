using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local;

// Hybrid mode (substra-behaviour.md §4.1): before registration takes the store's lock, the functions, datasets and data
// samples the tasks use that are not local are fetched from the platform, their files downloaded to
// <temp>/<key>/function.tar.gz and <temp>/<key>/opener.py. Remote models stay unsupported (the validator says so).
internal sealed partial class LocalBackend
{
    private const string OpenerIdentifier = "opener";
    private const string DataSamplesIdentifier = "datasamples";

    private async Task FetchRemoteAssetsAsync(IEnumerable<TaskSpec> specs, CancellationToken cancellationToken)
    {
        if (_settings.Remote is not { } remote)
        {
            return;
        }

        foreach (var spec in specs)
        {
            if (!IsKnown(spec.FunctionKey, store => store.Functions, store => store.RemoteFunctions, function => function.Archive.StorageAddress))
            {
                var function = await remote.GetFunctionAsync(spec.FunctionKey, cancellationToken).ConfigureAwait(false);
                var archive = RemoteFilePath(function.Key, "function.tar.gz");
                await remote.DownloadFunctionArchiveAsync(function.Key, archive, cancellationToken).ConfigureAwait(false);
                lock (_store.Gate)
                {
                    _store.RemoteFunctions[function.Key] = function with { Archive = function.Archive with { StorageAddress = archive } };
                }
            }

            foreach (var input in spec.Inputs ?? [])
            {
                if (input.AssetKey is not { Length: > 0 } key)
                {
                    continue;
                }

                if (input.Identifier == OpenerIdentifier && !IsKnown(key, store => store.Datasets, store => store.RemoteDatasets, dataset => dataset.Opener.StorageAddress))
                {
                    var dataset = await remote.GetDatasetAsync(key, cancellationToken).ConfigureAwait(false);
                    var opener = RemoteFilePath(dataset.Key, "opener.py");
                    await remote.DownloadDatasetOpenerAsync(dataset.Key, opener, cancellationToken).ConfigureAwait(false);
                    lock (_store.Gate)
                    {
                        _store.RemoteDatasets[dataset.Key] = dataset with { Opener = dataset.Opener with { StorageAddress = opener } };
                    }
                }
                else if (input.Identifier == DataSamplesIdentifier && !IsKnown(key, store => store.DataSamples, store => store.RemoteDataSamples, file: null))
                {
                    var sample = await remote.GetDataSampleAsync(key, cancellationToken).ConfigureAwait(false);
                    lock (_store.Gate)
                    {
                        _store.RemoteDataSamples[sample.Key] = sample;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether the asset is local or already fetched. A fetched file lives in the fetching client's folder, which goes
    /// when that client is disposed (the store is shared by the process's clients): then it is fetched again.
    /// </summary>
    private bool IsKnown<T>(string key, Func<Store.LocalStore, Dictionary<string, T>> local, Func<Store.LocalStore, Dictionary<string, T>> remote,
        Func<T, string>? file)
    {
        lock (_store.Gate)
        {
            return local(_store).ContainsKey(key) ||
                (remote(_store).TryGetValue(key, out var fetched) && (file is null || File.Exists(file(fetched))));
        }
    }

    private string RemoteFilePath(string key, string fileName)
    {
        var directory = Path.Combine(_workspace.AssetsDirectory, key);
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }
}

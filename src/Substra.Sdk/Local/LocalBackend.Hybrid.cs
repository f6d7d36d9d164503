using Substra.Sdk.Local.Workspace;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local;

// Hybrid mode: before registration takes the store's lock, the functions, datasets and data samples the tasks use that
// are not local are fetched from the platform, their files downloaded into the content store. Remote models stay
// unsupported (the validator says so).
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
                var archive = await DownloadAsync(
                    path => remote.DownloadFunctionArchiveAsync(function.Key, path, cancellationToken), ContentStore.Roles.FunctionArchive).ConfigureAwait(false);
                _store.Write(() => _store.SaveRemoteFunction(function with { Archive = function.Archive with { StorageAddress = archive } }));
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
                    var opener = await DownloadAsync(
                        path => remote.DownloadDatasetOpenerAsync(dataset.Key, path, cancellationToken), ContentStore.Roles.Opener).ConfigureAwait(false);
                    _store.Write(() => _store.SaveRemoteDataset(dataset with { Opener = dataset.Opener with { StorageAddress = opener } }));
                }
                else if (input.Identifier == DataSamplesIdentifier && !IsKnown(key, store => store.DataSamples, store => store.RemoteDataSamples, file: null))
                {
                    var sample = await remote.GetDataSampleAsync(key, cancellationToken).ConfigureAwait(false);
                    _store.Write(() => _store.SaveRemoteDataSample(sample));
                }
            }
        }
    }

    /// <summary>
    /// Whether the asset is local or already fetched (and its file still there: freed files are fetched again).
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

    /// <summary>Downloads a platform file into the content store; returns its stored path.</summary>
    private async Task<string> DownloadAsync(Func<string, Task> download, string role)
    {
        var incoming = Path.Combine(_platform.Workspace.FilesDirectory, ".incoming", LocalWorkspace.NewRunId());
        Directory.CreateDirectory(Path.GetDirectoryName(incoming)!);
        try
        {
            await download(incoming).ConfigureAwait(false);
            return _platform.Content.AddByMove(incoming, role).Path;
        }
        finally
        {
            File.Delete(incoming);
        }
    }
}

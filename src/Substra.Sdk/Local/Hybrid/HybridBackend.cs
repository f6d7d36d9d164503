using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Local.Workspace;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local.Hybrid;

/// <summary>
/// Hybrid mode (a local backend type with a URL): a decorator over a local backend and the remote platform. Everything
/// is registered and run locally; a read of something the local platform does not hold goes to the platform, lists
/// show local then platform assets, and before tasks are registered the platform functions, datasets and data samples
/// they use are fetched (files into the local content store). Tasks on platform models are not supported.
/// </summary>
internal sealed class HybridBackend : IBackend, IChangeSignalingBackend, ILogTailBackend
{
    private const string OpenerIdentifier = "opener";
    private const string DataSamplesIdentifier = "datasamples";

    private readonly LocalBackend _local;
    private readonly IBackend _remote;
    private readonly ILogger _logger;

    public HybridBackend(LocalBackend local, IBackend remote, ILogger logger)
    {
        _local = local;
        _remote = remote;
        _logger = logger;
        _logger.LogWarning("Hybrid mode: assets not found locally are read from the remote platform.");
    }

    public string OrganizationId => _local.OrganizationId;

    public BackendType BackendType => _local.BackendType;

    public string? TemporaryDirectory => _local.TemporaryDirectory;

    public Task NextChange => _local.NextChange;

    public event EventHandler<TaskStateChange>? TaskStateChanged
    {
        add => _local.TaskStateChanged += value;
        remove => _local.TaskStateChanged -= value;
    }

    // Registrations and updates are local.
    public Task<string> AddFunctionAsync(FunctionSpec spec, CancellationToken cancellationToken) => _local.AddFunctionAsync(spec, cancellationToken);

    public Task<string> AddDatasetAsync(DatasetSpec spec, CancellationToken cancellationToken) => _local.AddDatasetAsync(spec, cancellationToken);

    public Task<IReadOnlyList<string>> AddDataSamplesAsync(DataSampleSpec spec, bool local, CancellationToken cancellationToken) =>
        _local.AddDataSamplesAsync(spec, local, cancellationToken);

    public Task UpdateFunctionAsync(string key, UpdateFunctionSpec spec, CancellationToken cancellationToken) =>
        _local.UpdateFunctionAsync(key, spec, cancellationToken);

    public Task UpdateDatasetAsync(string key, UpdateDatasetSpec spec, CancellationToken cancellationToken) =>
        _local.UpdateDatasetAsync(key, spec, cancellationToken);

    public Task UpdateComputePlanAsync(string key, UpdateComputePlanSpec spec, CancellationToken cancellationToken) =>
        _local.UpdateComputePlanAsync(key, spec, cancellationToken);

    public Task<IReadOnlyList<string>> LinkDatasetWithDataSamplesAsync(
        string datasetKey, IReadOnlyList<string> dataSampleKeys, CancellationToken cancellationToken) =>
        _local.LinkDatasetWithDataSamplesAsync(datasetKey, dataSampleKeys, cancellationToken);

    public Task CancelComputePlanAsync(string key, CancellationToken cancellationToken) => _local.CancelComputePlanAsync(key, cancellationToken);

    public async Task<string> AddTaskAsync(TaskSpec spec, CancellationToken cancellationToken)
    {
        await FetchAsync([spec], cancellationToken).ConfigureAwait(false);
        return await _local.AddTaskAsync(spec, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ComputePlan> AddComputePlanAsync(ComputePlanSpec spec, BatchingOptions batching, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await FetchAsync((spec.Tasks ?? []).Select(task => TaskSpec.FromComputePlan(spec.Key, rank: null, task)), cancellationToken).ConfigureAwait(false);
        return await _local.AddComputePlanAsync(spec, batching, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ComputePlan> AddComputePlanTasksAsync(UpdateComputePlanTasksSpec spec, BatchingOptions batching, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await FetchAsync((spec.Tasks ?? []).Select(task => TaskSpec.FromComputePlan(spec.Key, rank: null, task)), cancellationToken).ConfigureAwait(false);
        return await _local.AddComputePlanTasksAsync(spec, batching, cancellationToken).ConfigureAwait(false);
    }

    // Reads: local first; what the local platform does not hold is read from the platform.
    public Task<Function> GetFunctionAsync(string key, CancellationToken cancellationToken) =>
        LocalOrRemote(key, backend => backend.GetFunctionAsync(key, cancellationToken));

    public Task<Dataset> GetDatasetAsync(string key, CancellationToken cancellationToken) =>
        LocalOrRemote(key, backend => backend.GetDatasetAsync(key, cancellationToken));

    public Task<DataSample> GetDataSampleAsync(string key, CancellationToken cancellationToken) =>
        LocalOrRemote(key, backend => backend.GetDataSampleAsync(key, cancellationToken));

    public Task<ComputeTask> GetTaskAsync(string key, CancellationToken cancellationToken) =>
        LocalOrRemote(key, backend => backend.GetTaskAsync(key, cancellationToken));

    public Task<ComputePlan> GetComputePlanAsync(string key, CancellationToken cancellationToken) =>
        LocalOrRemote(key, backend => backend.GetComputePlanAsync(key, cancellationToken));

    public Task<OutModel> GetModelAsync(string key, CancellationToken cancellationToken) =>
        LocalOrRemote(key, backend => backend.GetModelAsync(key, cancellationToken));

    public Task<Performances> GetPerformancesAsync(string computePlanKey, CancellationToken cancellationToken) =>
        LocalOrRemote(computePlanKey, backend => backend.GetPerformancesAsync(computePlanKey, cancellationToken));

    public Task<IReadOnlyList<InputAsset>> ListTaskInputAssetsAsync(string taskKey, CancellationToken cancellationToken) =>
        LocalOrRemote(taskKey, backend => backend.ListTaskInputAssetsAsync(taskKey, cancellationToken));

    public Task<IReadOnlyList<OutputAsset>> ListTaskOutputAssetsAsync(string taskKey, string? identifier, CancellationToken cancellationToken) =>
        LocalOrRemote(taskKey, backend => backend.ListTaskOutputAssetsAsync(taskKey, identifier, cancellationToken));

    public Task DownloadDatasetOpenerAsync(string key, string destinationFile, CancellationToken cancellationToken) =>
        LocalOrRemote(key, backend => backend.DownloadDatasetOpenerAsync(key, destinationFile, cancellationToken));

    public Task DownloadFunctionArchiveAsync(string key, string destinationFile, CancellationToken cancellationToken) =>
        LocalOrRemote(key, backend => backend.DownloadFunctionArchiveAsync(key, destinationFile, cancellationToken));

    public Task DownloadModelAsync(string key, string destinationFile, CancellationToken cancellationToken) =>
        LocalOrRemote(key, backend => backend.DownloadModelAsync(key, destinationFile, cancellationToken));

    public Task DownloadLogsAsync(string taskKey, string destinationFile, CancellationToken cancellationToken) =>
        LocalOrRemote(taskKey, backend => backend.DownloadLogsAsync(taskKey, destinationFile, cancellationToken));

    public Task<string> GetLogsAsync(string taskKey, CancellationToken cancellationToken) =>
        LocalOrRemote(taskKey, backend => backend.GetLogsAsync(taskKey, cancellationToken));

    public Task<string> GetLogTailAsync(string taskKey, int maxBytes, CancellationToken cancellationToken) =>
        LocalOrRemote(taskKey, backend => backend is ILogTailBackend tail
            ? tail.GetLogTailAsync(taskKey, maxBytes, cancellationToken)
            : backend.GetLogsAsync(taskKey, cancellationToken));

    public Task<string> DescribeFunctionAsync(string key, CancellationToken cancellationToken) =>
        LocalOrRemote(key, backend => backend.DescribeFunctionAsync(key, cancellationToken));

    public Task<string> DescribeDatasetAsync(string key, CancellationToken cancellationToken) =>
        LocalOrRemote(key, backend => backend.DescribeDatasetAsync(key, cancellationToken));

    public Task<IReadOnlyList<Function>> ListFunctionsAsync(ListQuery query, CancellationToken cancellationToken) =>
        Merged(backend => backend.ListFunctionsAsync(query, cancellationToken));

    public Task<IReadOnlyList<Dataset>> ListDatasetsAsync(ListQuery query, CancellationToken cancellationToken) =>
        Merged(backend => backend.ListDatasetsAsync(query, cancellationToken));

    public Task<IReadOnlyList<DataSample>> ListDataSamplesAsync(ListQuery query, CancellationToken cancellationToken) =>
        Merged(backend => backend.ListDataSamplesAsync(query, cancellationToken));

    public Task<IReadOnlyList<ComputeTask>> ListTasksAsync(ListQuery query, CancellationToken cancellationToken) =>
        Merged(backend => backend.ListTasksAsync(query, cancellationToken));

    public Task<IReadOnlyList<ComputePlan>> ListComputePlansAsync(ListQuery query, CancellationToken cancellationToken) =>
        Merged(backend => backend.ListComputePlansAsync(query, cancellationToken));

    public Task<IReadOnlyList<OutModel>> ListModelsAsync(ListQuery query, CancellationToken cancellationToken) =>
        Merged(backend => backend.ListModelsAsync(query, cancellationToken));

    // The organisation is the local client's; the session is the platform's.
    public Task<IReadOnlyList<Organization>> ListOrganizationsAsync(CancellationToken cancellationToken) => _local.ListOrganizationsAsync(cancellationToken);

    public Task<OrganizationInfo> GetOrganizationInfoAsync(CancellationToken cancellationToken) => _local.GetOrganizationInfoAsync(cancellationToken);

    public Task<string?> LoginAsync(string username, string password, CancellationToken cancellationToken) =>
        _remote.LoginAsync(username, password, cancellationToken);

    public Task LogoutAsync(CancellationToken cancellationToken) => _remote.LogoutAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _local.DisposeAsync().ConfigureAwait(false);
        await _remote.DisposeAsync().ConfigureAwait(false);
    }

    // What the local platform holds is answered locally, errors included (a local task without logs is NotFound here,
    // not looked up on the platform).
    private Task<T> LocalOrRemote<T>(string key, Func<IBackend, Task<T>> read) => _local.Holds(key) ? read(_local) : read(_remote);

    private Task LocalOrRemote(string key, Func<IBackend, Task> act) => _local.Holds(key) ? act(_local) : act(_remote);

    private async Task<IReadOnlyList<T>> Merged<T>(Func<IBackend, Task<IReadOnlyList<T>>> list)
    {
        var local = await list(_local).ConfigureAwait(false);
        try
        {
            return [.. local, .. await list(_remote).ConfigureAwait(false)];
        }
        catch (Exception e) when (e is SdkException or HttpRequestException)
        {
            _logger.LogRemoteListFailed(e.Message);
            return local;
        }
    }

    /// <summary>Fetches the platform functions, datasets and data samples the tasks use that the local platform lacks.</summary>
    private async Task FetchAsync(IEnumerable<TaskSpec> specs, CancellationToken cancellationToken)
    {
        foreach (var spec in specs)
        {
            if (!_local.CanRunFunction(spec.FunctionKey))
            {
                var function = await _remote.GetFunctionAsync(spec.FunctionKey, cancellationToken).ConfigureAwait(false);
                var archive = await _local.DownloadIntoStoreAsync(
                    path => _remote.DownloadFunctionArchiveAsync(function.Key, path, cancellationToken), ContentStore.Roles.FunctionArchive).ConfigureAwait(false);
                _local.KeepRemoteFunction(function with { Archive = function.Archive with { StorageAddress = archive } });
            }

            foreach (var input in spec.Inputs ?? [])
            {
                if (input.AssetKey is not { Length: > 0 } key)
                {
                    continue;
                }

                if (input.Identifier == OpenerIdentifier && !_local.CanOpenDataset(key))
                {
                    var dataset = await _remote.GetDatasetAsync(key, cancellationToken).ConfigureAwait(false);
                    var opener = await _local.DownloadIntoStoreAsync(
                        path => _remote.DownloadDatasetOpenerAsync(dataset.Key, path, cancellationToken), ContentStore.Roles.Opener).ConfigureAwait(false);
                    _local.KeepRemoteDataset(dataset with { Opener = dataset.Opener with { StorageAddress = opener } });
                }
                else if (input.Identifier == DataSamplesIdentifier && !_local.KnowsDataSample(key))
                {
                    _local.KeepRemoteDataSample(await _remote.GetDataSampleAsync(key, cancellationToken).ConfigureAwait(false));
                }
            }
        }
    }
}

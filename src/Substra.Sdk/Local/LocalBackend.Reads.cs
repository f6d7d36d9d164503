using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Local.Queries;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local;

// Reads, with the server's filter semantics. Only what this platform holds: in hybrid mode, HybridBackend reads the
// rest from the remote platform.
internal sealed partial class LocalBackend
{
    public Task<Function> GetFunctionAsync(string key, CancellationToken cancellationToken) =>
        Get(_store.Functions, key);

    public Task<Dataset> GetDatasetAsync(string key, CancellationToken cancellationToken) =>
        Get(_store.Datasets, key);

    public Task<DataSample> GetDataSampleAsync(string key, CancellationToken cancellationToken) =>
        Get(_store.DataSamples, key);

    public Task<OutModel> GetModelAsync(string key, CancellationToken cancellationToken) =>
        Get(_store.Models, key);

    public Task<ComputeTask> GetTaskAsync(string key, CancellationToken cancellationToken)
    {
        lock (_store.Gate)
        {
            if (_store.Tasks.TryGetValue(key, out var task))
            {
                return Task.FromResult(task.Snapshot());
            }
        }

        throw NotFound(key);
    }

    public Task<ComputePlan> GetComputePlanAsync(string key, CancellationToken cancellationToken)
    {
        lock (_store.Gate)
        {
            if (_store.Plans.TryGetValue(key, out var plan))
            {
                return Task.FromResult(plan.Snapshot(Now));
            }
        }

        throw NotFound(key);
    }

    public Task<IReadOnlyList<Function>> ListFunctionsAsync(ListQuery query, CancellationToken cancellationToken) =>
        ListAsync(() => LocalQuery.Apply(_store.Functions.Values, query, FunctionValues, function => function.Name,
                function => function.Metadata, (function, _) => function.CreationDate));

    public Task<IReadOnlyList<Dataset>> ListDatasetsAsync(ListQuery query, CancellationToken cancellationToken) =>
        ListAsync(() => LocalQuery.Apply(_store.Datasets.Values, query, DatasetValues, dataset => dataset.Name,
                dataset => dataset.Metadata, (dataset, _) => dataset.CreationDate));

    public Task<IReadOnlyList<DataSample>> ListDataSamplesAsync(ListQuery query, CancellationToken cancellationToken) =>
        ListAsync(() => LocalQuery.Apply(_store.DataSamples.Values, query, DataSampleValues, _ => "",
                _ => null, (sample, _) => sample.CreationDate));

    public Task<IReadOnlyList<ComputeTask>> ListTasksAsync(ListQuery query, CancellationToken cancellationToken) =>
        ListAsync(() => LocalQuery.Apply(_store.Tasks.Values.Select(task => task.Snapshot()), query, TaskValues, _ => "",
                task => task.Metadata, TaskDate));

    public Task<IReadOnlyList<ComputePlan>> ListComputePlansAsync(ListQuery query, CancellationToken cancellationToken)
    {
        var now = Now;
        return ListAsync(() => LocalQuery.Apply(_store.Plans.Values, query, PlanValues, plan => plan.Registered.Name,
                    plan => plan.Registered.Metadata, PlanDate)
                .Select(plan => plan.Snapshot(now)).ToList());
    }

    public Task<IReadOnlyList<OutModel>> ListModelsAsync(ListQuery query, CancellationToken cancellationToken) =>
        ListAsync(() => LocalQuery.Apply(_store.Models.Values, query, ModelValues, _ => "", _ => null, (model, _) => model.CreationDate));

    public Task<Performances> GetPerformancesAsync(string computePlanKey, CancellationToken cancellationToken)
    {
        lock (_store.Gate)
        {
            if (_store.Plans.TryGetValue(computePlanKey, out var plan))
            {
                return Task.FromResult(PerformanceTable.Build(_store, plan, Now));
            }
        }

        throw NotFound(computePlanKey);
    }

    public Task<IReadOnlyList<InputAsset>> ListTaskInputAssetsAsync(string taskKey, CancellationToken cancellationToken)
    {
        lock (_store.Gate)
        {
            if (_store.Tasks.ContainsKey(taskKey))
            {
                return Task.FromResult<IReadOnlyList<InputAsset>>(_store.InputAssets.GetValueOrDefault(taskKey)?.ToList() ?? []);
            }
        }

        throw NotFound(taskKey);
    }

    public Task<IReadOnlyList<OutputAsset>> ListTaskOutputAssetsAsync(string taskKey, string? identifier, CancellationToken cancellationToken)
    {
        lock (_store.Gate)
        {
            if (_store.Tasks.ContainsKey(taskKey))
            {
                var outputs = _store.OutputAssets.GetValueOrDefault(taskKey) ?? [];
                return Task.FromResult<IReadOnlyList<OutputAsset>>(
                    outputs.Where(output => identifier is null || output.Identifier == identifier).ToList());
            }
        }

        throw NotFound(taskKey);
    }

    public async Task DownloadDatasetOpenerAsync(string key, string destinationFile, CancellationToken cancellationToken)
    {
        if (LocalFile(() => _store.Datasets.GetValueOrDefault(key)?.Opener.StorageAddress) is { } path)
        {
            await CopyAsync(path, destinationFile, cancellationToken).ConfigureAwait(false);
            return;
        }

        throw NotFound(key);
    }

    public async Task DownloadFunctionArchiveAsync(string key, string destinationFile, CancellationToken cancellationToken)
    {
        if (LocalFile(() => _store.Functions.GetValueOrDefault(key)?.Archive.StorageAddress) is { } path)
        {
            await CopyAsync(path, destinationFile, cancellationToken).ConfigureAwait(false);
            return;
        }

        throw NotFound(key);
    }

    public async Task DownloadModelAsync(string key, string destinationFile, CancellationToken cancellationToken)
    {
        lock (_store.Gate)
        {
            if (_store.Models.TryGetValue(key, out var model) && model.Address is null)
            {
                throw new EmptyInModelException($"The model {key} has no file to download.");
            }
        }

        if (LocalFile(() => _store.Models.GetValueOrDefault(key)?.Address?.StorageAddress) is { } path)
        {
            await CopyAsync(path, destinationFile, cancellationToken).ConfigureAwait(false);
            return;
        }

        throw NotFound(key);
    }

    public async Task DownloadLogsAsync(string taskKey, string destinationFile, CancellationToken cancellationToken)
    {
        if (FailedTaskLogs(taskKey) is { } path)
        {
            await CopyAsync(path, destinationFile, cancellationToken).ConfigureAwait(false);
            return;
        }

        throw NotFound(taskKey);
    }

    public async Task<string> GetLogsAsync(string taskKey, CancellationToken cancellationToken)
    {
        if (FailedTaskLogs(taskKey) is { } path)
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }

        throw NotFound(taskKey);
    }

    public async Task<string> GetLogTailAsync(string taskKey, int maxBytes, CancellationToken cancellationToken)
    {
        if (FailedTaskLogs(taskKey) is { } path)
        {
            return await Failures.LogTail.ReadFileAsync(path, maxBytes, cancellationToken).ConfigureAwait(false);
        }

        throw NotFound(taskKey);
    }

    public async Task<string> DescribeFunctionAsync(string key, CancellationToken cancellationToken)
    {
        if (LocalFile(() => _store.Functions.GetValueOrDefault(key)?.Description.StorageAddress) is { } path)
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }

        throw NotFound(key);
    }

    public async Task<string> DescribeDatasetAsync(string key, CancellationToken cancellationToken)
    {
        if (LocalFile(() => _store.Datasets.GetValueOrDefault(key)?.Description.StorageAddress) is { } path)
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }

        throw NotFound(key);
    }

    /// <summary>The log file of a local failed task; null when the task is not local. Other local tasks: NotFound.</summary>
    private string? FailedTaskLogs(string taskKey)
    {
        lock (_store.Gate)
        {
            if (!_store.Tasks.TryGetValue(taskKey, out var task))
            {
                return null;
            }

            if (task.Status != ComputeTaskStatus.Failed || task.LogPath is null || !File.Exists(task.LogPath))
            {
                throw new NotFoundException(
                    $"Task {taskKey} has no logs: logs are kept for failed tasks, and this task is {task.Status.ToWireName()}. " +
                    $"The output of every task that ran is in {_platform.Workspace.LogsDirectory}.", 404);
            }

            return task.LogPath;
        }
    }

    private Task<T> Get<T>(Dictionary<string, T> assets, string key)
    {
        lock (_store.Gate)
        {
            return assets.TryGetValue(key, out var asset) ? Task.FromResult(asset) : throw NotFound(key);
        }
    }

    private Task<IReadOnlyList<T>> ListAsync<T>(Func<IReadOnlyList<T>> local)
    {
        lock (_store.Gate)
        {
            return Task.FromResult(local());
        }
    }

    private string? LocalFile(Func<string?> path)
    {
        lock (_store.Gate)
        {
            return path();
        }
    }

    private static async Task CopyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(destination)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var input = File.OpenRead(source);
        await using var inputDisposal = input.ConfigureAwait(false);
        var output = File.Create(destination);
        await using var outputDisposal = output.ConfigureAwait(false);
        await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<string?> FunctionValues(Function function, string filter) => filter switch
    {
        "key" => [function.Key],
        "owner" => [function.Owner],
        "permissions" => function.Permissions.Process.AuthorizedIds,
        "compute_plan_key" => TasksUsing(task => task.Function.Key == function.Key).Select(task => task.Plan.Key),
        "dataset_key" => TasksUsing(task => task.Function.Key == function.Key).SelectMany(task => AssetKeys(task)),
        "data_sample_key" => TasksUsing(task => task.Function.Key == function.Key).SelectMany(task => AssetKeys(task)),
        _ => [],
    };

    private IEnumerable<string?> DatasetValues(Dataset dataset, string filter) => filter switch
    {
        "key" => [dataset.Key],
        "owner" => [dataset.Owner],
        "permissions" => dataset.Permissions.Process.AuthorizedIds,
        "data_sample_key" => dataset.DataSampleKeys,
        "compute_plan_key" => TasksUsing(task => AssetKeys(task).Contains(dataset.Key)).Select(task => task.Plan.Key),
        "function_key" => TasksUsing(task => AssetKeys(task).Contains(dataset.Key)).Select(task => task.Function.Key),
        _ => [],
    };

    private IEnumerable<string?> DataSampleValues(DataSample sample, string filter) => filter switch
    {
        "key" => [sample.Key],
        "owner" => [sample.Owner],
        "dataset_key" => sample.DataManagerKeys ?? [],
        "compute_plan_key" => TasksUsing(task => AssetKeys(task).Contains(sample.Key)).Select(task => task.Plan.Key),
        "function_key" => TasksUsing(task => AssetKeys(task).Contains(sample.Key)).Select(task => task.Function.Key),
        _ => [],
    };

    private static IEnumerable<string?> TaskValues(ComputeTask task, string filter) => filter switch
    {
        "key" => [task.Key],
        "owner" => [task.Owner],
        "worker" => [task.Worker],
        "rank" => [task.Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        "status" => [task.Status.ToWireName()],
        "compute_plan_key" => [task.ComputePlanKey],
        "function_key" => [task.Function.Key],
        _ => [],
    };

    private static IEnumerable<string?> PlanValues(PlanEntry plan, string filter) => filter switch
    {
        "key" => [plan.Key],
        "owner" => [plan.Registered.Owner],
        "status" => [plan.Status.ToWireName()],
        "worker" => plan.Tasks.Select(task => task.Worker),
        "function_key" => plan.Tasks.Select(task => task.Function.Key),
        "dataset_key" => plan.Tasks.SelectMany(task => AssetKeys(task)),
        "data_sample_key" => plan.Tasks.SelectMany(task => AssetKeys(task)),
        _ => [],
    };

    private static IEnumerable<string?> ModelValues(OutModel model, string filter) => filter switch
    {
        "key" => [model.Key],
        "compute_task_key" => [model.ComputeTaskKey],
        "owner" => [model.Owner],
        "permissions" => model.Permissions.Process.AuthorizedIds,
        _ => [],
    };

    private static DateTimeOffset? TaskDate(ComputeTask task, OrderingField field) => field switch
    {
        OrderingField.StartDate => task.StartDate,
        OrderingField.EndDate => task.EndDate,
        _ => task.CreationDate,
    };

    private static DateTimeOffset? PlanDate(PlanEntry plan, OrderingField field) => field switch
    {
        OrderingField.StartDate => plan.StartDate,
        OrderingField.EndDate => plan.EndDate,
        _ => plan.Registered.CreationDate,
    };

    private IEnumerable<TaskEntry> TasksUsing(Func<TaskEntry, bool> predicate) => _store.Tasks.Values.Where(predicate);

    private static IEnumerable<string> AssetKeys(TaskEntry task) =>
        task.Inputs.Where(input => input.AssetKey is not null).Select(input => input.AssetKey!);
}

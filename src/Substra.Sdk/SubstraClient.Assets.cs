using System.Text.Json.Nodes;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Json;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk;

// Registration, reads, lists, updates and downloads.
public sealed partial class SubstraClient
{
    /// <summary>Registers one data sample (<see cref="DataSampleSpec.Path"/>) and returns its key.</summary>
    /// <param name="spec">The sample; <see cref="DataSampleSpec.Paths"/> must not be set.</param>
    /// <param name="local">True uploads the folder (zipped); false sends its path, which must exist on the server (remote only).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<string> AddDataSampleAsync(DataSampleSpec spec, bool local = true, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(AddDataSampleAsync),
            async token =>
            {
                ArgumentNullException.ThrowIfNull(spec);
                if (spec.Paths is not null)
                {
                    throw new ArgumentException("data: invalid 'paths' field (use AddDataSamplesAsync for several samples)", nameof(spec));
                }

                var keys = await _backend.AddDataSamplesAsync(spec.Validate(), local, token).ConfigureAwait(false);
                return keys[0];
            },
            cancellationToken,
            returnsKey: true);

    /// <inheritdoc cref="AddDataSampleAsync(DataSampleSpec, bool, CancellationToken)"/>
    public Task<string> AddDataSampleAsync(JsonObject spec, bool local = true, CancellationToken cancellationToken = default)
        => AddDataSampleAsync(DataSampleSpec.FromJson(spec), local, cancellationToken);

    /// <summary>Registers several data samples (<see cref="DataSampleSpec.Paths"/>, one folder each) and returns their keys.</summary>
    public Task<IReadOnlyList<string>> AddDataSamplesAsync(DataSampleSpec spec, bool local = true, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(AddDataSamplesAsync),
            token =>
            {
                ArgumentNullException.ThrowIfNull(spec);
                if (spec.Path is not null)
                {
                    throw new ArgumentException("data: invalid 'path' field (use AddDataSampleAsync for one sample)", nameof(spec));
                }

                if (spec.Paths is not { Count: > 0 })
                {
                    throw new ArgumentException("data: missing 'paths' field (a non-empty list of folders)", nameof(spec));
                }

                return _backend.AddDataSamplesAsync(spec.Validate(), local, token);
            },
            cancellationToken);

    /// <inheritdoc cref="AddDataSamplesAsync(DataSampleSpec, bool, CancellationToken)"/>
    public Task<IReadOnlyList<string>> AddDataSamplesAsync(JsonObject spec, bool local = true, CancellationToken cancellationToken = default)
        => AddDataSamplesAsync(DataSampleSpec.FromJson(spec), local, cancellationToken);

    /// <summary>Registers a dataset and returns its key.</summary>
    public Task<string> AddDatasetAsync(DatasetSpec spec, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(AddDatasetAsync), token => _backend.AddDatasetAsync(NotNull(spec).Validate(), token), cancellationToken, returnsKey: true);

    /// <inheritdoc cref="AddDatasetAsync(DatasetSpec, CancellationToken)"/>
    public Task<string> AddDatasetAsync(JsonObject spec, CancellationToken cancellationToken = default)
        => AddDatasetAsync(SubstraJson.DeserializeSpec(spec, SubstraJsonContext.Default.DatasetSpec), cancellationToken);

    /// <summary>Registers a function and returns its key.</summary>
    public Task<string> AddFunctionAsync(FunctionSpec spec, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(AddFunctionAsync), token => _backend.AddFunctionAsync(NotNull(spec).Validate(), token), cancellationToken, returnsKey: true);

    /// <inheritdoc cref="AddFunctionAsync(FunctionSpec, CancellationToken)"/>
    public Task<string> AddFunctionAsync(JsonObject spec, CancellationToken cancellationToken = default)
        => AddFunctionAsync(SubstraJson.DeserializeSpec(spec, SubstraJsonContext.Default.FunctionSpec), cancellationToken);

    /// <summary>Adds a task (in a new plan unless <see cref="TaskSpec.ComputePlanKey"/> is set) and returns its key.</summary>
    public Task<string> AddTaskAsync(TaskSpec spec, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(AddTaskAsync), token => _backend.AddTaskAsync(NotNull(spec).Validate(), token), cancellationToken, returnsKey: true);

    /// <inheritdoc cref="AddTaskAsync(TaskSpec, CancellationToken)"/>
    public Task<string> AddTaskAsync(JsonObject spec, CancellationToken cancellationToken = default)
        => AddTaskAsync(SubstraJson.DeserializeSpec(spec, SubstraJsonContext.Default.TaskSpec), cancellationToken);

    /// <summary>Creates a compute plan with its tasks.</summary>
    /// <param name="spec">The plan; its key must be a UUID.</param>
    /// <param name="autoBatching">False sends all tasks at once.</param>
    /// <param name="batchSize">Tasks per batch when <paramref name="autoBatching"/> (default 500).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ComputePlanKeyFormatException">The key is not a UUID.</exception>
    public Task<ComputePlan> AddComputePlanAsync(
        ComputePlanSpec spec, bool autoBatching = true, int batchSize = 500, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(AddComputePlanAsync),
            token =>
            {
                ArgumentNullException.ThrowIfNull(spec);
                if (!Guid.TryParse(spec.Key, out _))
                {
                    throw new ComputePlanKeyFormatException(
                        $"The compute plan key has to respect the UUID format (got '{spec.Key}'); Guid.NewGuid().ToString() gives one.");
                }

                return _backend.AddComputePlanAsync(spec.Validate(), Batching(autoBatching, batchSize), token);
            },
            cancellationToken,
            key: spec?.Key);

    /// <inheritdoc cref="AddComputePlanAsync(ComputePlanSpec, bool, int, CancellationToken)"/>
    public Task<ComputePlan> AddComputePlanAsync(
        JsonObject spec, bool autoBatching = true, int batchSize = 500, CancellationToken cancellationToken = default)
        => AddComputePlanAsync(SubstraJson.DeserializeSpec(spec, SubstraJsonContext.Default.ComputePlanSpec), autoBatching, batchSize, cancellationToken);

    /// <summary>Adds tasks to the plan <see cref="UpdateComputePlanTasksSpec.Key"/> and returns the refreshed plan.</summary>
    public Task<ComputePlan> AddComputePlanTasksAsync(
        UpdateComputePlanTasksSpec spec, bool autoBatching = true, int batchSize = 500, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(AddComputePlanTasksAsync),
            token => _backend.AddComputePlanTasksAsync(NotNull(spec).Validate(), Batching(autoBatching, batchSize), token),
            cancellationToken,
            key: spec?.Key);

    /// <summary>Adds <paramref name="tasks"/> to the plan <paramref name="key"/> and returns the refreshed plan.</summary>
    public Task<ComputePlan> AddComputePlanTasksAsync(
        string key, IReadOnlyList<ComputePlanTaskSpec> tasks, bool autoBatching = true, int batchSize = 500, CancellationToken cancellationToken = default)
        => AddComputePlanTasksAsync(new UpdateComputePlanTasksSpec { Key = key, Tasks = tasks }, autoBatching, batchSize, cancellationToken);

    /// <summary>The reference's dictionary form: <c>{"tasks": [...]}</c>; its <c>key</c> is set to <paramref name="key"/>.</summary>
    public Task<ComputePlan> AddComputePlanTasksAsync(
        string key, JsonObject tasks, bool autoBatching = true, int batchSize = 500, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var copy = (JsonObject)tasks.DeepClone();
        copy["key"] = key;
        return AddComputePlanTasksAsync(
            SubstraJson.DeserializeSpec(copy, SubstraJsonContext.Default.UpdateComputePlanTasksSpec), autoBatching, batchSize, cancellationToken);
    }

    /// <summary>The function with this key (the reference's <c>get_function</c>); <see cref="Exceptions.NotFoundException"/> when there is none.</summary>
    public Task<Function> GetFunctionAsync(string key, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(GetFunctionAsync), token => _backend.GetFunctionAsync(Key(key), token), cancellationToken, key: key);

    /// <summary>The compute plan with this key, with its status counters (<c>get_compute_plan</c>); <see cref="Exceptions.NotFoundException"/> when there is none.</summary>
    public Task<ComputePlan> GetComputePlanAsync(string key, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(GetComputePlanAsync), token => _backend.GetComputePlanAsync(Key(key), token), cancellationToken, key: key);

    /// <summary>The dataset with this key (<c>get_dataset</c>); <see cref="Exceptions.NotFoundException"/> when there is none.</summary>
    public Task<Dataset> GetDatasetAsync(string key, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(GetDatasetAsync), token => _backend.GetDatasetAsync(Key(key), token), cancellationToken, key: key);

    /// <summary>The task with this key (<c>get_task</c>); <see cref="Exceptions.NotFoundException"/> when there is none.</summary>
    public Task<ComputeTask> GetTaskAsync(string key, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(GetTaskAsync), token => _backend.GetTaskAsync(Key(key), token), cancellationToken, key: key);

    /// <summary>The data sample with this key (<c>get_data_sample</c>); <see cref="Exceptions.NotFoundException"/> when there is none.</summary>
    public Task<DataSample> GetDataSampleAsync(string key, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(GetDataSampleAsync), token => _backend.GetDataSampleAsync(Key(key), token), cancellationToken, key: key);

    /// <summary>The model with this key (<c>get_model</c>); <see cref="Exceptions.NotFoundException"/> when there is none.</summary>
    public Task<OutModel> GetModelAsync(string key, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(GetModelAsync), token => _backend.GetModelAsync(Key(key), token), cancellationToken, key: key);

    /// <summary>The plan's performances, after waiting for the plan to finish when <paramref name="waitCompletion"/>.</summary>
    public Task<Performances> GetPerformancesAsync(string key, bool waitCompletion = false, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(GetPerformancesAsync),
            async token =>
            {
                if (waitCompletion)
                {
                    await WaitComputePlanAsync(key, cancellationToken: token).ConfigureAwait(false);
                }

                return await _backend.GetPerformancesAsync(Key(key), token).ConfigureAwait(false);
            },
            cancellationToken,
            key: key);

    /// <summary>The logs of a failed task; NotFound for other tasks.</summary>
    public Task<string> GetLogsAsync(string taskKey, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(GetLogsAsync), token => _backend.GetLogsAsync(Key(taskKey), token), cancellationToken, key: taskKey);

    /// <summary>Models (filters: key, compute_task_key, owner, permissions), newest first unless <paramref name="ascending"/>.</summary>
    public Task<IReadOnlyList<OutModel>> ListModelAsync(
        IDictionary<string, object?>? filters = null, bool ascending = false, CancellationToken cancellationToken = default)
        => List(nameof(ListModelAsync), AssetType.Model, filters, null, ascending, _backend.ListModelsAsync, cancellationToken);

    /// <inheritdoc cref="ListModelAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>
    public Task<IReadOnlyList<OutModel>> ListModelAsync(ModelFilter filter, bool ascending = false, CancellationToken cancellationToken = default)
        => ListModelAsync(NotNull(filter).ToDictionary(), ascending, cancellationToken);

    /// <summary>
    /// Compute plans (filters: key, name, owner, worker, status, metadata, function_key, dataset_key, data_sample_key),
    /// ordered on <paramref name="orderBy"/> (creation_date, start_date or end_date).
    /// </summary>
    public Task<IReadOnlyList<ComputePlan>> ListComputePlanAsync(
        IDictionary<string, object?>? filters = null, string orderBy = "creation_date", bool ascending = false, CancellationToken cancellationToken = default)
        => List(nameof(ListComputePlanAsync), AssetType.ComputePlan, filters, orderBy, ascending, _backend.ListComputePlansAsync, cancellationToken);

    /// <inheritdoc cref="ListComputePlanAsync(IDictionary{string, object?}?, string, bool, CancellationToken)"/>
    public Task<IReadOnlyList<ComputePlan>> ListComputePlanAsync(
        ComputePlanFilter filter, OrderingField orderBy = OrderingField.CreationDate, bool ascending = false, CancellationToken cancellationToken = default)
        => ListComputePlanAsync(NotNull(filter).ToDictionary(), orderBy.ToWireName(), ascending, cancellationToken);

    /// <summary>Data samples (filters: key, owner, compute_plan_key, function_key, dataset_key).</summary>
    public Task<IReadOnlyList<DataSample>> ListDataSampleAsync(
        IDictionary<string, object?>? filters = null, bool ascending = false, CancellationToken cancellationToken = default)
        => List(nameof(ListDataSampleAsync), AssetType.DataSample, filters, null, ascending, _backend.ListDataSamplesAsync, cancellationToken);

    /// <inheritdoc cref="ListDataSampleAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>
    public Task<IReadOnlyList<DataSample>> ListDataSampleAsync(DataSampleFilter filter, bool ascending = false, CancellationToken cancellationToken = default)
        => ListDataSampleAsync(NotNull(filter).ToDictionary(), ascending, cancellationToken);

    /// <summary>Datasets (filters: key, name, owner, permissions, compute_plan_key, function_key, data_sample_key).</summary>
    public Task<IReadOnlyList<Dataset>> ListDatasetAsync(
        IDictionary<string, object?>? filters = null, bool ascending = false, CancellationToken cancellationToken = default)
        => List(nameof(ListDatasetAsync), AssetType.Dataset, filters, null, ascending, _backend.ListDatasetsAsync, cancellationToken);

    /// <inheritdoc cref="ListDatasetAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>
    public Task<IReadOnlyList<Dataset>> ListDatasetAsync(DatasetFilter filter, bool ascending = false, CancellationToken cancellationToken = default)
        => ListDatasetAsync(NotNull(filter).ToDictionary(), ascending, cancellationToken);

    /// <summary>Functions (filters: key, name, owner, permissions, compute_plan_key, dataset_key, data_sample_key).</summary>
    public Task<IReadOnlyList<Function>> ListFunctionAsync(
        IDictionary<string, object?>? filters = null, bool ascending = false, CancellationToken cancellationToken = default)
        => List(nameof(ListFunctionAsync), AssetType.Function, filters, null, ascending, _backend.ListFunctionsAsync, cancellationToken);

    /// <inheritdoc cref="ListFunctionAsync(IDictionary{string, object?}?, bool, CancellationToken)"/>
    public Task<IReadOnlyList<Function>> ListFunctionAsync(FunctionFilter filter, bool ascending = false, CancellationToken cancellationToken = default)
        => ListFunctionAsync(NotNull(filter).ToDictionary(), ascending, cancellationToken);

    /// <summary>
    /// Tasks (filters: key, owner, worker, rank, status, metadata, compute_plan_key, function_key), ordered on
    /// <paramref name="orderBy"/> (creation_date, start_date or end_date).
    /// </summary>
    public Task<IReadOnlyList<ComputeTask>> ListTaskAsync(
        IDictionary<string, object?>? filters = null, string orderBy = "creation_date", bool ascending = false, CancellationToken cancellationToken = default)
        => List(nameof(ListTaskAsync), AssetType.Task, filters, orderBy, ascending, _backend.ListTasksAsync, cancellationToken);

    /// <inheritdoc cref="ListTaskAsync(IDictionary{string, object?}?, string, bool, CancellationToken)"/>
    public Task<IReadOnlyList<ComputeTask>> ListTaskAsync(
        TaskFilter filter, OrderingField orderBy = OrderingField.CreationDate, bool ascending = false, CancellationToken cancellationToken = default)
        => ListTaskAsync(NotNull(filter).ToDictionary(), orderBy.ToWireName(), ascending, cancellationToken);

    /// <summary>The organisations of the network.</summary>
    public Task<IReadOnlyList<Organization>> ListOrganizationAsync(CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(ListOrganizationAsync), _backend.ListOrganizationsAsync, cancellationToken);

    /// <summary>The assets a task consumed.</summary>
    public Task<IReadOnlyList<InputAsset>> ListTaskInputAssetsAsync(string key, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(ListTaskInputAssetsAsync), token => _backend.ListTaskInputAssetsAsync(Key(key), token), cancellationToken, key: key);

    /// <summary>The outputs of a task, after waiting for the task when <paramref name="waitCompletion"/>.</summary>
    public Task<IReadOnlyList<OutputAsset>> ListTaskOutputAssetsAsync(
        string key, bool waitCompletion = false, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(ListTaskOutputAssetsAsync),
            async token =>
            {
                if (waitCompletion)
                {
                    await WaitTaskAsync(key, cancellationToken: token).ConfigureAwait(false);
                }

                return await _backend.ListTaskOutputAssetsAsync(Key(key), null, token).ConfigureAwait(false);
            },
            cancellationToken,
            key: key);

    /// <summary>The output <paramref name="identifier"/> of a task.</summary>
    /// <exception cref="TaskAssetNotFoundException">No output has this identifier.</exception>
    /// <exception cref="TaskAssetMultipleFoundException">Several outputs have it.</exception>
    public Task<OutputAsset> GetTaskOutputAssetAsync(
        string key, string identifier, bool waitCompletion = false, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(GetTaskOutputAssetAsync),
            async token =>
            {
                ArgumentException.ThrowIfNullOrEmpty(identifier);
                if (waitCompletion)
                {
                    await WaitTaskAsync(key, cancellationToken: token).ConfigureAwait(false);
                }

                var assets = await _backend.ListTaskOutputAssetsAsync(Key(key), identifier, token).ConfigureAwait(false);
                var matching = assets.Where(asset => asset.Identifier == identifier).ToList();
                return matching.Count switch
                {
                    0 => throw new TaskAssetNotFoundException(key, identifier),
                    1 => matching[0],
                    _ => throw new TaskAssetMultipleFoundException(key, identifier),
                };
            },
            cancellationToken,
            key: key);

    /// <summary>Renames a function (<c>update_function</c>).</summary>
    public Task UpdateFunctionAsync(string key, string name, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(UpdateFunctionAsync),
            async token =>
            {
                await _backend.UpdateFunctionAsync(Key(key), new UpdateFunctionSpec { Name = name }.Validate(), token).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            key: key);

    /// <summary>Renames a dataset (<c>update_dataset</c>).</summary>
    public Task UpdateDatasetAsync(string key, string name, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(UpdateDatasetAsync),
            async token =>
            {
                await _backend.UpdateDatasetAsync(Key(key), new UpdateDatasetSpec { Name = name }.Validate(), token).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            key: key);

    /// <summary>Renames a compute plan (<c>update_compute_plan</c>).</summary>
    public Task UpdateComputePlanAsync(string key, string name, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(UpdateComputePlanAsync),
            async token =>
            {
                await _backend.UpdateComputePlanAsync(Key(key), new UpdateComputePlanSpec { Name = name }.Validate(), token).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            key: key);

    /// <summary>Links data samples to a dataset; returns <paramref name="dataSampleKeys"/>.</summary>
    public Task<IReadOnlyList<string>> LinkDatasetWithDataSamplesAsync(
        string datasetKey, IReadOnlyList<string> dataSampleKeys, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(LinkDatasetWithDataSamplesAsync),
            token => _backend.LinkDatasetWithDataSamplesAsync(Key(datasetKey), NotNull(dataSampleKeys), token),
            cancellationToken,
            key: datasetKey);

    /// <summary>Writes the dataset's opener to <c>{destinationFolder}/opener.py</c> and returns that path.</summary>
    public Task<string> DownloadDatasetAsync(string key, string destinationFolder, CancellationToken cancellationToken = default)
        => Download(nameof(DownloadDatasetAsync), key, destinationFolder, "opener.py", (file, token) => _backend.DownloadDatasetOpenerAsync(Key(key), file, token), cancellationToken);

    /// <summary>Writes the function archive to <c>{destinationFolder}/function.tar.gz</c> (whatever its format) and returns that path.</summary>
    public Task<string> DownloadFunctionAsync(string key, string destinationFolder, CancellationToken cancellationToken = default)
        => Download(nameof(DownloadFunctionAsync), key, destinationFolder, "function.tar.gz", (file, token) => _backend.DownloadFunctionArchiveAsync(Key(key), file, token), cancellationToken);

    /// <summary>Writes the model to <c>{destinationFolder}/model_{key}</c> and returns that path.</summary>
    public Task<string> DownloadModelAsync(string key, string destinationFolder, CancellationToken cancellationToken = default)
        => Download(nameof(DownloadModelAsync), key, destinationFolder, $"model_{key}", (file, token) => _backend.DownloadModelAsync(Key(key), file, token), cancellationToken);

    /// <summary>Downloads the model output <paramref name="identifier"/> of a task to <c>{folder}/model_{model key}</c>.</summary>
    public Task<string> DownloadModelFromTaskAsync(string taskKey, string identifier, string folder, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(DownloadModelFromTaskAsync),
            async token =>
            {
                var asset = await GetTaskOutputAssetAsync(taskKey, identifier, cancellationToken: token).ConfigureAwait(false);
                var model = asset.Model
                    ?? throw new InvalidOperationException($"The output '{identifier}' of task {taskKey} is a {asset.Kind.ToWireName()}, not a model.");
                return await DownloadModelAsync(model.Key, folder, token).ConfigureAwait(false);
            },
            cancellationToken,
            key: taskKey);

    /// <summary>Writes the logs of a failed task to <c>{folder}/task_logs_{taskKey}.txt</c> and returns that path.</summary>
    public Task<string> DownloadLogsAsync(string taskKey, string folder, CancellationToken cancellationToken = default)
        => Download(nameof(DownloadLogsAsync), taskKey, folder, $"task_logs_{taskKey}.txt", (file, token) => _backend.DownloadLogsAsync(Key(taskKey), file, token), cancellationToken);

    /// <summary>The function's description (markdown).</summary>
    public Task<string> DescribeFunctionAsync(string key, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(DescribeFunctionAsync), token => _backend.DescribeFunctionAsync(Key(key), token), cancellationToken, key: key);

    /// <summary>The dataset's description (markdown).</summary>
    public Task<string> DescribeDatasetAsync(string key, CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(DescribeDatasetAsync), token => _backend.DescribeDatasetAsync(Key(key), token), cancellationToken, key: key);

    /// <summary>What the organisation's backend says about itself.</summary>
    public Task<OrganizationInfo> OrganizationInfoAsync(CancellationToken cancellationToken = default)
        => InvokeAsync(nameof(OrganizationInfoAsync), _backend.GetOrganizationInfoAsync, cancellationToken);

    /// <summary>Cancels a compute plan (running tasks are stopped).</summary>
    public Task CancelComputePlanAsync(string key, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(CancelComputePlanAsync),
            async token =>
            {
                await _backend.CancelComputePlanAsync(Key(key), token).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            key: key);

    private Task<IReadOnlyList<T>> List<T>(
        string method,
        AssetType assetType,
        IDictionary<string, object?>? filters,
        string? orderBy,
        bool ascending,
        Func<ListQuery, CancellationToken, Task<IReadOnlyList<T>>> list,
        CancellationToken cancellationToken)
        => InvokeAsync(
            method,
            token =>
            {
                // Both are checked before any backend call, as in the reference.
                var validated = FilterValidator.Validate(assetType, filters);
                var ordering = FilterValidator.ValidateOrdering(orderBy);
                return list(new ListQuery(validated, ordering, ascending), token);
            },
            cancellationToken);

    private Task<string> Download(
        string method, string key, string folder, string fileName, Func<string, CancellationToken, Task> download, CancellationToken cancellationToken)
        => InvokeAsync(
            method,
            async token =>
            {
                ArgumentException.ThrowIfNullOrEmpty(folder);
                Directory.CreateDirectory(folder);
                var path = Path.GetFullPath(Path.Combine(folder, fileName));
                await download(path, token).ConfigureAwait(false);
                return path;
            },
            cancellationToken,
            key: key);

    private static BatchingOptions Batching(bool autoBatching, int batchSize)
    {
        if (autoBatching && batchSize <= 0)
        {
            throw new ArgumentException("Batch size must be defined to create a compute plan with the auto-batching feature.", nameof(batchSize));
        }

        return new BatchingOptions(autoBatching, batchSize);
    }

    private static string Key(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return key;
    }

    private static T NotNull<T>(T value) where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return value;
    }
}

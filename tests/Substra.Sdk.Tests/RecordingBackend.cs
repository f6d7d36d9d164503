using Substra.Sdk.Backends;
using Substra.Sdk.Filters;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Tests;

/// <summary>
/// An in-memory IBackend that records each call, to prove what the client sent and that validation failures make no call.
/// Reads answer from sequences: each get returns the next item, then keeps returning the last one.
/// </summary>
internal sealed class RecordingBackend(BackendType backendType = BackendType.LocalSubprocess) : IBackend
{
    public List<string> Calls { get; } = [];

    public List<object?> Arguments { get; } = [];

    public Queue<ComputePlan> Plans { get; } = new();

    public Queue<ComputeTask> Tasks { get; } = new();

    public Queue<Function> Functions { get; } = new();

    public List<OutputAsset> OutputAssets { get; } = [];

    /// <summary>What ListTasksAsync returns.</summary>
    public List<ComputeTask> ListedTasks { get; } = [];

    public string? LoginToken { get; set; } = "session-token";

    public int LoginCount { get; private set; }

    public int LogoutCount { get; private set; }

    public bool Disposed { get; private set; }

    public BackendType BackendType { get; } = backendType;

    public string? TemporaryDirectory => null;

    public event EventHandler<TaskStateChange>? TaskStateChanged;

    public void RaiseTaskStateChanged(TaskStateChange change) => TaskStateChanged?.Invoke(this, change);

    public Task<string> AddFunctionAsync(FunctionSpec spec, CancellationToken cancellationToken) => Record("AddFunction", spec, "function-key");

    public Task<string> AddDatasetAsync(DatasetSpec spec, CancellationToken cancellationToken) => Record("AddDataset", spec, "dataset-key");

    public Task<IReadOnlyList<string>> AddDataSamplesAsync(DataSampleSpec spec, bool local, CancellationToken cancellationToken)
        => Record<IReadOnlyList<string>>("AddDataSamples", spec, spec.IsMany ? spec.Paths!.Select((_, index) => $"sample-{index}").ToArray() : ["sample-0"]);

    public Task<string> AddTaskAsync(TaskSpec spec, CancellationToken cancellationToken) => Record("AddTask", spec, spec.Key);

    public Task<ComputePlan> AddComputePlanAsync(ComputePlanSpec spec, BatchingOptions batching, CancellationToken cancellationToken)
        => Record("AddComputePlan", (spec, batching), Next(Plans));

    public Task<ComputePlan> AddComputePlanTasksAsync(UpdateComputePlanTasksSpec spec, BatchingOptions batching, CancellationToken cancellationToken)
        => Record("AddComputePlanTasks", (spec, batching), Next(Plans));

    public Task<Function> GetFunctionAsync(string key, CancellationToken cancellationToken) => Record("GetFunction", key, Next(Functions));

    public Task<Dataset> GetDatasetAsync(string key, CancellationToken cancellationToken) => Unsupported<Dataset>("GetDataset");

    public Task<DataSample> GetDataSampleAsync(string key, CancellationToken cancellationToken) => Unsupported<DataSample>("GetDataSample");

    public Task<ComputeTask> GetTaskAsync(string key, CancellationToken cancellationToken) => Record("GetTask", key, Next(Tasks));

    public Task<ComputePlan> GetComputePlanAsync(string key, CancellationToken cancellationToken) => Record("GetComputePlan", key, Next(Plans));

    public Task<OutModel> GetModelAsync(string key, CancellationToken cancellationToken) => Unsupported<OutModel>("GetModel");

    public Task<IReadOnlyList<Function>> ListFunctionsAsync(ListQuery query, CancellationToken cancellationToken)
        => Record<IReadOnlyList<Function>>("ListFunctions", query, []);

    public Task<IReadOnlyList<Dataset>> ListDatasetsAsync(ListQuery query, CancellationToken cancellationToken)
        => Record<IReadOnlyList<Dataset>>("ListDatasets", query, []);

    public Task<IReadOnlyList<DataSample>> ListDataSamplesAsync(ListQuery query, CancellationToken cancellationToken)
        => Record<IReadOnlyList<DataSample>>("ListDataSamples", query, []);

    public Task<IReadOnlyList<ComputeTask>> ListTasksAsync(ListQuery query, CancellationToken cancellationToken)
        => Record<IReadOnlyList<ComputeTask>>("ListTasks", query, ListedTasks.ToArray());

    public Task<IReadOnlyList<ComputePlan>> ListComputePlansAsync(ListQuery query, CancellationToken cancellationToken)
        => Record<IReadOnlyList<ComputePlan>>("ListComputePlans", query, []);

    public Task<IReadOnlyList<OutModel>> ListModelsAsync(ListQuery query, CancellationToken cancellationToken)
        => Record<IReadOnlyList<OutModel>>("ListModels", query, []);

    public Task<IReadOnlyList<Organization>> ListOrganizationsAsync(CancellationToken cancellationToken)
        => Record<IReadOnlyList<Organization>>("ListOrganizations", null, []);

    public Task UpdateFunctionAsync(string key, UpdateFunctionSpec spec, CancellationToken cancellationToken) => Record("UpdateFunction", (key, spec), true);

    public Task UpdateDatasetAsync(string key, UpdateDatasetSpec spec, CancellationToken cancellationToken) => Record("UpdateDataset", (key, spec), true);

    public Task UpdateComputePlanAsync(string key, UpdateComputePlanSpec spec, CancellationToken cancellationToken) => Record("UpdateComputePlan", (key, spec), true);

    public Task<IReadOnlyList<string>> LinkDatasetWithDataSamplesAsync(
        string datasetKey, IReadOnlyList<string> dataSampleKeys, CancellationToken cancellationToken)
        => Record("LinkDatasetWithDataSamples", datasetKey, dataSampleKeys);

    public Task DownloadDatasetOpenerAsync(string key, string destinationFile, CancellationToken cancellationToken)
        => WriteFile("DownloadDatasetOpener", destinationFile);

    public Task DownloadFunctionArchiveAsync(string key, string destinationFile, CancellationToken cancellationToken)
        => WriteFile("DownloadFunctionArchive", destinationFile);

    public Task DownloadModelAsync(string key, string destinationFile, CancellationToken cancellationToken)
        => WriteFile("DownloadModel", destinationFile);

    public Task DownloadLogsAsync(string taskKey, string destinationFile, CancellationToken cancellationToken)
        => WriteFile("DownloadLogs", destinationFile);

    public Task<string> GetLogsAsync(string taskKey, CancellationToken cancellationToken) => Record("GetLogs", taskKey, "logs");

    public Task<string> DescribeFunctionAsync(string key, CancellationToken cancellationToken) => Record("DescribeFunction", key, "# function");

    public Task<string> DescribeDatasetAsync(string key, CancellationToken cancellationToken) => Record("DescribeDataset", key, "# dataset");

    public Task<OrganizationInfo> GetOrganizationInfoAsync(CancellationToken cancellationToken) => Unsupported<OrganizationInfo>("GetOrganizationInfo");

    public Task CancelComputePlanAsync(string key, CancellationToken cancellationToken) => Record("CancelComputePlan", key, true);

    public Task<Performances> GetPerformancesAsync(string computePlanKey, CancellationToken cancellationToken)
        => Record("GetPerformances", computePlanKey, new Performances());

    public Task<IReadOnlyList<InputAsset>> ListTaskInputAssetsAsync(string taskKey, CancellationToken cancellationToken)
        => Record<IReadOnlyList<InputAsset>>("ListTaskInputAssets", taskKey, []);

    public Task<IReadOnlyList<OutputAsset>> ListTaskOutputAssetsAsync(string taskKey, string? identifier, CancellationToken cancellationToken)
        => Record<IReadOnlyList<OutputAsset>>(
            "ListTaskOutputAssets", (taskKey, identifier), OutputAssets.Where(asset => identifier is null || asset.Identifier == identifier).ToArray());

    public Task<string?> LoginAsync(string username, string password, CancellationToken cancellationToken)
    {
        LoginCount++;
        return Record("Login", username, LoginToken);
    }

    public Task LogoutAsync(CancellationToken cancellationToken)
    {
        LogoutCount++;
        return Record("Logout", null, true);
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private static T Next<T>(Queue<T> queue)
        => queue.Count switch
        {
            0 => throw new InvalidOperationException($"No {typeof(T).Name} was prepared for this test."),
            1 => queue.Peek(),
            _ => queue.Dequeue(),
        };

    private Task<T> Record<T>(string call, object? argument, T result)
    {
        Calls.Add(call);
        Arguments.Add(argument);
        return Task.FromResult(result);
    }

    private Task<T> Unsupported<T>(string call)
    {
        Calls.Add(call);
        Arguments.Add(null);
        throw new NotSupportedException($"{call} is not prepared in the recording backend.");
    }

    private Task WriteFile(string call, string destinationFile)
    {
        Calls.Add(call);
        Arguments.Add(destinationFile);
        return File.WriteAllTextAsync(destinationFile, call);
    }
}

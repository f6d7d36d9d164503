using Substra.Sdk.Filters;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Backends;

/// <summary>
/// What the <c>SubstraClient</c> needs from a backend: the remote one (the platform's REST API, docs/remote.md)
/// and the local ones (a local platform that runs tasks with a subprocess or Docker spawner, docs/local.md). The client validates
/// every spec, filter and ordering before calling; backends receive validated values. Every method honours its
/// cancellation token. Unknown keys raise <see cref="Exceptions.NotFoundException"/> naming the key.
/// </summary>
internal interface IBackend : IAsyncDisposable
{
    /// <summary>Remote, or the local flavour (docker/subprocess).</summary>
    BackendType BackendType { get; }

    /// <summary>Local: the folder where asset files are copied. Remote: null.</summary>
    string? TemporaryDirectory { get; }

    /// <summary>
    /// Local: raised on every task status change (executing, done, failed, canceled…), from any thread.
    /// Remote: never raised (the client derives the changes from a wait's polling).
    /// </summary>
    event EventHandler<TaskStateChange>? TaskStateChanged;

    /// <summary>Registers a function. Remote: multipart POST /function/ (409 → the existing key). Local: copies files, status READY.</summary>
    Task<string> AddFunctionAsync(FunctionSpec spec, CancellationToken cancellationToken);

    /// <summary>Registers a dataset. Remote: multipart POST /data_manager/. Local: copies opener and description.</summary>
    Task<string> AddDatasetAsync(DatasetSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Registers one sample (<see cref="DataSampleSpec.Path"/>) or several (<see cref="DataSampleSpec.Paths"/>) and returns
    /// their keys in order. Remote: zipped upload when <paramref name="local"/>, server-side paths otherwise (409 on one sample →
    /// its key). Local: checks datasets exist and folders exist, links samples to their datasets; <paramref name="local"/> is ignored.
    /// </summary>
    Task<IReadOnlyList<string>> AddDataSamplesAsync(DataSampleSpec spec, bool local, CancellationToken cancellationToken);

    /// <summary>
    /// Adds one task and returns its key (honouring <see cref="TaskSpec.Key"/>). Without a plan key a new plan is created.
    /// Remote: POST /compute_plan/ then bulk_create. Local: validates (docs/compatibility.md#registration-checks), registers, schedules; returns without waiting.
    /// </summary>
    Task<string> AddTaskAsync(TaskSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a plan and its tasks. Remote: POST /compute_plan/ (409 → the existing plan) then bulk_create by batches.
    /// Local: validates, ranks, registers and schedules the tasks; returns once registered (not once run).
    /// </summary>
    Task<ComputePlan> AddComputePlanAsync(ComputePlanSpec spec, BatchingOptions batching, CancellationToken cancellationToken);

    /// <summary>Adds tasks to an existing plan (parents may be earlier tasks of the plan) and returns the refreshed plan.</summary>
    Task<ComputePlan> AddComputePlanTasksAsync(UpdateComputePlanTasksSpec spec, BatchingOptions batching, CancellationToken cancellationToken);

    Task<Function> GetFunctionAsync(string key, CancellationToken cancellationToken);

    Task<Dataset> GetDatasetAsync(string key, CancellationToken cancellationToken);

    Task<DataSample> GetDataSampleAsync(string key, CancellationToken cancellationToken);

    Task<ComputeTask> GetTaskAsync(string key, CancellationToken cancellationToken);

    Task<ComputePlan> GetComputePlanAsync(string key, CancellationToken cancellationToken);

    Task<OutModel> GetModelAsync(string key, CancellationToken cancellationToken);

    /// <summary>Lists functions. Remote: paginated GET with encoded filters. Local: the server's filter semantics (docs/compatibility.md#reads).</summary>
    Task<IReadOnlyList<Function>> ListFunctionsAsync(ListQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<Dataset>> ListDatasetsAsync(ListQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<DataSample>> ListDataSamplesAsync(ListQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<ComputeTask>> ListTasksAsync(ListQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<ComputePlan>> ListComputePlansAsync(ListQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<OutModel>> ListModelsAsync(ListQuery query, CancellationToken cancellationToken);

    /// <summary>The organisations of the network, the current one with <see cref="Organization.IsCurrent"/>.</summary>
    Task<IReadOnlyList<Organization>> ListOrganizationsAsync(CancellationToken cancellationToken);

    /// <summary>Renames a function. Remote: PUT /function/{key}/. Local: replaces the stored asset.</summary>
    Task UpdateFunctionAsync(string key, UpdateFunctionSpec spec, CancellationToken cancellationToken);

    Task UpdateDatasetAsync(string key, UpdateDatasetSpec spec, CancellationToken cancellationToken);

    Task UpdateComputePlanAsync(string key, UpdateComputePlanSpec spec, CancellationToken cancellationToken);

    /// <summary>Links samples to a dataset and returns <paramref name="dataSampleKeys"/>.</summary>
    Task<IReadOnlyList<string>> LinkDatasetWithDataSamplesAsync(
        string datasetKey, IReadOnlyList<string> dataSampleKeys, CancellationToken cancellationToken);

    /// <summary>Writes the dataset's opener to <paramref name="destinationFile"/> (streamed; the client chooses the name).</summary>
    Task DownloadDatasetOpenerAsync(string key, string destinationFile, CancellationToken cancellationToken);

    /// <summary>Writes the function's archive to <paramref name="destinationFile"/> (streamed).</summary>
    Task DownloadFunctionArchiveAsync(string key, string destinationFile, CancellationToken cancellationToken);

    /// <summary>Writes the model file to <paramref name="destinationFile"/> (streamed, never held in memory whole).</summary>
    Task DownloadModelAsync(string key, string destinationFile, CancellationToken cancellationToken);

    /// <summary>Writes the logs of a failed task to <paramref name="destinationFile"/>; NotFound for other tasks.</summary>
    Task DownloadLogsAsync(string taskKey, string destinationFile, CancellationToken cancellationToken);

    /// <summary>The logs of a failed task as text; NotFound for other tasks.</summary>
    Task<string> GetLogsAsync(string taskKey, CancellationToken cancellationToken);

    /// <summary>The function's description markdown.</summary>
    Task<string> DescribeFunctionAsync(string key, CancellationToken cancellationToken);

    /// <summary>The dataset's description markdown.</summary>
    Task<string> DescribeDatasetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Remote: GET /info/. Local: the fake info of docs/compatibility.md#reads for this backend's organisation.</summary>
    Task<OrganizationInfo> GetOrganizationInfoAsync(CancellationToken cancellationToken);

    /// <summary>Cancels a plan. Remote: POST cancel. Local: kills its running tasks, marks the rest CANCELED.</summary>
    Task CancelComputePlanAsync(string key, CancellationToken cancellationToken);

    /// <summary>The performances of the plan's done tasks (does not wait; the client waits when asked).</summary>
    Task<Performances> GetPerformancesAsync(string computePlanKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<InputAsset>> ListTaskInputAssetsAsync(string taskKey, CancellationToken cancellationToken);

    /// <summary>The task's output assets, only those with <paramref name="identifier"/> when it is given.</summary>
    Task<IReadOnlyList<OutputAsset>> ListTaskOutputAssetsAsync(string taskKey, string? identifier, CancellationToken cancellationToken);

    /// <summary>
    /// Remote: POST /api-token-auth/, keeps the session to revoke it at logout, returns the token.
    /// Local: forwards to the remote fallback in hybrid mode (returning its token), else returns null.
    /// </summary>
    Task<string?> LoginAsync(string username, string password, CancellationToken cancellationToken);

    /// <summary>Revokes the session opened by <see cref="LoginAsync"/>, if any; never throws for a failed revocation.</summary>
    Task LogoutAsync(CancellationToken cancellationToken);
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Graph;
using Substra.Sdk.Json;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Remote;

// Registration: adds (409 → the existing asset, 408 → retried up to retry_timeout), updates, plans and their task batches.
internal sealed partial class RemoteBackend
{
    internal const string BatchSizeRequired = "Batch size must be defined to create a compute plan with the auto-batching feature.";

    public Task<string> AddFunctionAsync(FunctionSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var json = RemoteRequestBodies.Function(spec);
        CheckUpload(spec.File, "function archive (FunctionSpec.File)");
        CheckUpload(spec.Description, "function description (FunctionSpec.Description)");
        return AddAsync("function", () => Multipart(json, ("file", spec.File), ("description", spec.Description)), cancellationToken);
    }

    public Task<string> AddDatasetAsync(DatasetSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var json = RemoteRequestBodies.Dataset(spec);
        var description = spec.Description
            ?? throw new ArgumentException("DatasetSpec.Description is not set; validate the spec first (it generates a description).", nameof(spec));
        CheckUpload(spec.DataOpener, "dataset opener (DatasetSpec.DataOpener)");
        CheckUpload(description, "dataset description (DatasetSpec.Description)");
        return AddAsync("data_manager", () => Multipart(json, ("data_opener", spec.DataOpener), ("description", description)), cancellationToken);
    }

    /// <summary>
    /// Local samples are zipped in memory, one part per folder (named <c>path</c>, or the folder's name for several);
    /// server-side samples are sent as absolute paths.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddDataSamplesAsync(DataSampleSpec spec, bool local, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Func<HttpContent> content;
        if (local)
        {
            var folders = spec.IsMany
                ? spec.Paths!.Select(path => (Name: Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))), Path: path)).ToList()
                : [(Name: "path", Path: spec.Path ?? throw new ArgumentException("DataSampleSpec needs 'path' or 'paths'.", nameof(spec)))];
            // The reference silently drops all but one of several folders with the same name.
            var duplicate = folders.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException(
                    $"Several data sample folders are named '{duplicate.Key}' ({string.Join(", ", duplicate.Select(f => f.Path))}); "
                    + "the upload names each part after its folder, so give the folders distinct names.",
                    nameof(spec));
            }
            var zips = folders.Select(f => (f.Name, Zip: DataSampleArchive.Create(f.Path, spec.FollowLinks))).ToList();
            var json = RemoteRequestBodies.DataSampleUpload(spec);
            content = () =>
            {
                var form = new MultipartFormDataContent();
                form.Add(JsonField(json));
                foreach (var (name, zip) in zips)
                {
                    form.Add(FilePart(new ByteArrayContent(zip), name, name + ".zip"));
                }
                return form;
            };
        }
        else
        {
            var json = RemoteRequestBodies.DataSamplePaths(spec);
            content = () => JsonContent(json);
        }

        JsonNode? body;
        try
        {
            body = await _rest.SendJsonAsync(
                HttpMethod.Post, _rest.AssetUrl("data_sample"), content, RetryScope.GatewayAndRequestTimeout, cancellationToken, uploadsFiles: local)
                .ConfigureAwait(false);
        }
        catch (AlreadyExistsException e) when (!spec.IsMany && e.Keys.Count > 0)
        {
            _logger.LogWarning("data_sample already exists: key='{Key}'", e.Keys[0]);
            return [e.Keys[0]];
        }
        return body switch
        {
            JsonArray list => list.Select(item => KeyOf(item)).ToList(),
            JsonObject single => [KeyOf(single)],
            _ => throw new InvalidResponseException(body?.ToJsonString(), "Cannot parse response to JSON: expected a list of {key} objects"),
        };
    }

    /// <summary>Adds one task. Fixes of the reference: the task's plan key is honoured, and a plan is created only when none is given.</summary>
    public async Task<string> AddTaskAsync(TaskSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var task = spec;
        if (string.IsNullOrEmpty(spec.ComputePlanKey))
        {
            var planKey = Guid.NewGuid().ToString();
            var planJson = RemoteRequestBodies.ComputePlan(planKey, spec.Key, tag: null, metadata: null);
            await CreateComputePlanAsync(planJson, cancellationToken).ConfigureAwait(false);
            task = spec with { ComputePlanKey = planKey };
        }
        var created = await BulkCreateAsync([task], fromPlan: false, cancellationToken).ConfigureAwait(false);
        return created is JsonArray { Count: > 0 } list ? KeyOf(list[0]) : task.Key;
    }

    /// <summary>POST the plan (409 → the existing plan, a fix of the reference), then its tasks by rank in batches.</summary>
    public async Task<ComputePlan> AddComputePlanAsync(ComputePlanSpec spec, BatchingOptions batching, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(batching);
        CheckBatching(batching);
        var tasks = OrderTasks(spec.Key, spec.Tasks);
        var plan = await CreateComputePlanAsync(RemoteRequestBodies.ComputePlan(spec.Key, spec.Name, spec.Tag, spec.Metadata), cancellationToken)
            .ConfigureAwait(false);
        await AddTaskBatchesAsync(spec.Key, tasks, batching, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    public async Task<ComputePlan> AddComputePlanTasksAsync(UpdateComputePlanTasksSpec spec, BatchingOptions batching, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(batching);
        CheckBatching(batching);
        var tasks = OrderTasks(spec.Key, spec.Tasks);
        await AddTaskBatchesAsync(spec.Key, tasks, batching, cancellationToken).ConfigureAwait(false);
        return await GetComputePlanAsync(spec.Key, cancellationToken).ConfigureAwait(false);
    }

    public Task UpdateFunctionAsync(string key, UpdateFunctionSpec spec, CancellationToken cancellationToken) =>
        RenameAsync("function", key, spec?.Name, cancellationToken);

    public Task UpdateDatasetAsync(string key, UpdateDatasetSpec spec, CancellationToken cancellationToken) =>
        RenameAsync("data_manager", key, spec?.Name, cancellationToken);

    public Task UpdateComputePlanAsync(string key, UpdateComputePlanSpec spec, CancellationToken cancellationToken) =>
        RenameAsync("compute_plan", key, spec?.Name, cancellationToken);

    /// <summary>POST /data_sample/bulk_update/, form-encoded with repeated keys.</summary>
    public async Task<IReadOnlyList<string>> LinkDatasetWithDataSamplesAsync(
        string datasetKey, IReadOnlyList<string> dataSampleKeys, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(datasetKey);
        ArgumentNullException.ThrowIfNull(dataSampleKeys);
        var fields = new List<KeyValuePair<string, string>> { new("data_manager_keys", datasetKey) };
        fields.AddRange(dataSampleKeys.Select(key => new KeyValuePair<string, string>("data_sample_keys", key)));
        await _rest.SendAsync(
            HttpMethod.Post, _rest.AssetUrl("data_sample", "bulk_update"), () => new FormUrlEncodedContent(fields), RetryScope.Gateway, cancellationToken)
            .ConfigureAwait(false);
        return dataSampleKeys;
    }

    private async Task RenameAsync(string serverType, string key, string? name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var json = RemoteRequestBodies.Rename(name);
        await _rest.SendAsync(
            HttpMethod.Put, _rest.AssetUrl(serverType, Escape(key)), () => JsonContent(json), RetryScope.GatewayAndRequestTimeout, cancellationToken)
            .ConfigureAwait(false);
    }

    // Functions and datasets: multipart uploads of their files.
    private async Task<string> AddAsync(string serverType, Func<HttpContent> content, CancellationToken cancellationToken)
    {
        try
        {
            var body = await _rest.SendJsonAsync(
                HttpMethod.Post, _rest.AssetUrl(serverType), content, RetryScope.GatewayAndRequestTimeout, cancellationToken, uploadsFiles: true)
                .ConfigureAwait(false);
            return KeyOf(body);
        }
        catch (AlreadyExistsException e) when (e.Key is string key)
        {
            _logger.LogWarning("{Type} already exists: key='{Key}'", serverType, key);
            return key;
        }
        catch (AlreadyExistsException e) when (e.Key is not null)
        {
            _logger.LogWarning("AlreadyExists exception was received for a list of keys. Unable to determine which key(s) already exist.");
            throw;
        }
    }

    private async Task<ComputePlan> CreateComputePlanAsync(string json, CancellationToken cancellationToken)
    {
        try
        {
            return await _rest.SendJsonAsync(
                HttpMethod.Post, _rest.AssetUrl("compute_plan"), () => JsonContent(json), RetryScope.GatewayAndRequestTimeout,
                SubstraJson.TypeInfo<ComputePlan>(), cancellationToken).ConfigureAwait(false);
        }
        catch (AlreadyExistsException e) when (e.Key is string existing)
        {
            _logger.LogWarning("compute_plan already exists: key='{Key}'", existing);
            return await GetComputePlanAsync(existing, cancellationToken).ConfigureAwait(false);
        }
        catch (AlreadyExistsException e) when (e.Key is not null)
        {
            _logger.LogWarning("AlreadyExists exception was received for a list of keys. Unable to determine which key(s) already exist.");
            throw;
        }
    }

    // The reference's get_tasks: sorted by rank; a parent outside the spec is a task already on the platform.
    private static List<TaskSpec> OrderTasks(string computePlanKey, IReadOnlyList<ComputePlanTaskSpec>? tasks)
    {
        var graph = ComputePlanGraph.GetDependencyGraph(computePlanKey, tasks);
        var ranks = ComputePlanGraph.ComputeRanks(graph.Dependencies, ignoreUnknownDependencies: true);
        return ComputePlanGraph.OrderByRank(ranks).Select(id => graph.Tasks[id]).ToList();
    }

    private static void CheckBatching(BatchingOptions batching)
    {
        if (batching.AutoBatching && batching.BatchSize <= 0)
        {
            throw new ArgumentException(BatchSizeRequired, nameof(batching));
        }
    }

    /// <summary>
    /// Sends the tasks in batches, in rank order. A batch refused with 409 is fine when all its tasks are already in the plan
    /// (the plan was submitted again); otherwise nothing more is sent and the error names the batch and the missing tasks.
    /// </summary>
    private async Task AddTaskBatchesAsync(string computePlanKey, List<TaskSpec> tasks, BatchingOptions batching, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
        {
            return;
        }
        var size = batching.AutoBatching ? batching.BatchSize : tasks.Count;
        var batches = tasks.Chunk(size).ToArray();
        for (var index = 0; index < batches.Length; index++)
        {
            var batch = batches[index];
            try
            {
                await BulkCreateAsync(batch, fromPlan: true, cancellationToken, parseResponse: false).ConfigureAwait(false);
            }
            catch (AlreadyExistsException conflict)
            {
                var missing = await TasksNotInPlanAsync(computePlanKey, batch, cancellationToken).ConfigureAwait(false);
                if (missing.Count == 0)
                {
                    _logger.LogWarning(
                        "Batch {Batch}/{Count}: every task already exists in compute plan '{Plan}'; sending the next batch.",
                        index + 1, batches.Length, computePlanKey);
                    continue;
                }
                var notCreated = missing.Concat(batches.Skip(index + 1).SelectMany(later => later).Select(task => task.Key)).ToList();
                throw new TaskBatchNotCreatedException(
                    computePlanKey, index, batches.Length, index * size, batch.Length, tasks.Count, notCreated, conflict);
            }
        }
    }

    // The batch's task keys that are not tasks of the plan (a key may also be taken by a task of another plan).
    private async Task<List<string>> TasksNotInPlanAsync(string computePlanKey, TaskSpec[] batch, CancellationToken cancellationToken)
    {
        const int KeysPerRequest = 50;
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var keys in batch.Select(task => task.Key).Chunk(KeysPerRequest))
        {
            var filters = new ListFilters
            {
                Values = new Dictionary<string, IReadOnlyList<string>> { ["key"] = keys, ["compute_plan_key"] = [computePlanKey] },
            };
            await foreach (var task in EnumerateTasksAsync(new ListQuery(filters), cancellationToken).ConfigureAwait(false))
            {
                found.Add(task.Key);
            }
        }
        return batch.Select(task => task.Key).Where(key => !found.Contains(key)).ToList();
    }

    private async Task<JsonNode?> BulkCreateAsync(IReadOnlyList<TaskSpec> tasks, bool fromPlan, CancellationToken cancellationToken, bool parseResponse = true)
    {
        var json = RemoteRequestBodies.BulkCreate(tasks, fromPlan);
        var url = _rest.AssetUrl("task", "bulk_create");
        if (parseResponse)
        {
            return await _rest.SendJsonAsync(HttpMethod.Post, url, () => JsonContent(json), RetryScope.Gateway, cancellationToken).ConfigureAwait(false);
        }
        // A plan's batches answer with every task and its function: not worth parsing.
        await _rest.SendAsync(HttpMethod.Post, url, () => JsonContent(json), RetryScope.Gateway, cancellationToken)
            .ConfigureAwait(false);
        return null;
    }

    private static string KeyOf(JsonNode? node) =>
        node is JsonObject obj && obj["key"] is JsonValue key && key.TryGetValue<string>(out var text)
            ? text
            : throw new InvalidResponseException(node?.ToJsonString(), "Cannot parse response to JSON: the response has no 'key'");

    private static void CheckUpload(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {what} '{Path.GetFullPath(path)}' does not exist; give the path of an existing file.", path);
        }
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Multipart(string json, params (string Name, string Path)[] files)
    {
        var form = new MultipartFormDataContent { JsonField(json) };
        foreach (var (name, path) in files)
        {
            // Opened per try and closed with the request, so a retried upload starts again from the beginning.
            form.Add(FilePart(new StreamContent(File.OpenRead(path)), name, Path.GetFileName(path)));
        }
        return form;
    }

    // A plain form field, as python-requests sends `data={"json": ...}`: no content type.
    private static StringContent JsonField(string json)
    {
        var field = new StringContent(json, Encoding.UTF8);
        field.Headers.ContentType = null;
        field.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"json\"" };
        return field;
    }

    private static HttpContent FilePart(HttpContent content, string name, string fileName)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{name}\"", FileName = $"\"{fileName}\"" };
        return content;
    }
}

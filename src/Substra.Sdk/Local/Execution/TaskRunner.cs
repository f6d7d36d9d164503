using System.Text.Json;
using Microsoft.Extensions.Logging;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Local.Workspace;
using Substra.Sdk.Models;
using Substra.Tools.Schema;

namespace Substra.Sdk.Local.Execution;

/// <summary>
/// Runs one task: prepares an empty run folder (named by a run id the platform makes, never by the task key) and the
/// command line, hands it to the spawner of the task's backend type, then keeps its outputs (models in the content
/// store, performances in the store) and records its input and output assets.
/// </summary>
internal sealed class TaskRunner(
    LocalStore store, LocalWorkspace workspace, ContentStore content, Func<BackendType, ITaskSpawner> spawners, TimeSpan? timeout, ILogger logger)
{
    private const string DataSamplesIdentifier = "datasamples";

    private readonly RunFolders _runFolders = new(workspace);
    private readonly Lock _cleanupLock = new();
    private Task _cleanup = Task.CompletedTask;

    public async Task RunAsync(TaskEntry task, CancellationToken cancellationToken)
    {
        var taskDirectory = _runFolders.Take();
        var logPath = workspace.LogPath(LocalWorkspace.NewRunId());
        lock (store.Gate)
        {
            task.LogPath = logPath;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        await using var logDisposal = log.ConfigureAwait(false);
        try
        {
            var (arguments, dataSamples, outputFiles) = Prepare(task, taskDirectory);
            logger.LogDebug("Task {TaskKey}: running function {FunctionKey}.", task.Key, task.Function.Key);
            await spawners(task.BackendType).SpawnAsync(
                new SpawnRequest(task.Key, task.Function.Archive.StorageAddress, task.Function.Archive.Checksum,
                    taskDirectory, arguments, dataSamples, log, timeout),
                cancellationToken).ConfigureAwait(false);
            SaveOutputs(task, taskDirectory, outputFiles);
        }
        catch (BuildException e)
        {
            if (e.Log is { Length: > 0 } buildLog)
            {
                await log.WriteLineAsync(buildLog).ConfigureAwait(false);
            }

            await log.WriteLineAsync(e.Message).ConfigureAwait(false);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await log.WriteLineAsync(e.Message).ConfigureAwait(false);
            throw;
        }
        finally
        {
            RecycleLater(taskDirectory);
        }
    }

    /// <summary>The task's arguments (with volume placeholders), its data samples, and output identifier → file name.</summary>
    private (List<string> Arguments, Dictionary<string, string> DataSamples, List<(string Identifier, string FileName)> Outputs)
        Prepare(TaskEntry task, string taskDirectory)
    {
        var function = task.Function;
        var multiple = function.Inputs.ToDictionary(input => input.Identifier, input => input.Multiple, StringComparer.Ordinal);
        var resources = new List<TaskResource>();
        var sampleKeys = new List<string>();
        var inputAssets = new List<InputAsset>();
        var inputs = Path.Combine(taskDirectory, "inputs");
        var fakeSamples = 0;
        var remoteDataset = false;
        var inputFiles = new InputFiles(spawners(task.BackendType));

        lock (store.Gate)
        {
            using var scope = store.Journal.Write();
            foreach (var input in task.Inputs)
            {
                var isMultiple = multiple.GetValueOrDefault(input.Identifier);
                if (input.ParentTaskKey is { Length: > 0 } parentKey)
                {
                    var matches = store.OutputAssets.GetValueOrDefault(parentKey, [])
                        .Where(output => output.Identifier == input.ParentTaskOutputIdentifier).ToList();
                    if (matches.Count != 1)
                    {
                        throw new InvalidOperationException(
                            $"Task {task.Key}: parent task {parentKey} has {matches.Count} outputs '{input.ParentTaskOutputIdentifier}', expected exactly one.");
                    }

                    var model = matches[0].Model ?? throw new InvalidOperationException(
                        $"Task {task.Key}: The task_input value must be an artifact, not a performance (input '{input.Identifier}').");
                    inputAssets.Add(new InputAsset { Kind = AssetKind.Model, Identifier = input.Identifier, Model = model });
                    resources.Add(LinkModel(inputFiles, model, inputs, input.Identifier, isMultiple));
                }
                else if (input.AssetKey is { } assetKey)
                {
                    if (store.RemoteDataSamples.ContainsKey(assetKey))
                    {
                        // Hybrid mode: platform samples are never downloaded, the opener fakes them (docs/compatibility.md#task-command-line).
                        fakeSamples++;
                    }
                    else if (store.DataSamples.TryGetValue(assetKey, out var sample))
                    {
                        sampleKeys.Add(sample.Key);
                        if (sample.Path is not null)
                        {
                            inputAssets.Add(new InputAsset { Kind = AssetKind.DataSample, Identifier = input.Identifier, DataSample = sample });
                        }
                    }
                    else if (store.Datasets.TryGetValue(assetKey, out var dataset) || store.RemoteDatasets.TryGetValue(assetKey, out dataset))
                    {
                        remoteDataset |= store.RemoteDatasets.ContainsKey(assetKey);
                        inputFiles.Add(dataset.Opener.StorageAddress, Path.Combine(inputs, "opener.py"));
                        resources.Add(new TaskResource(input.Identifier, SpawnRequest.InputsVolume + "/opener.py", isMultiple));
                        inputAssets.Add(new InputAsset { Kind = AssetKind.DataManager, Identifier = input.Identifier, Dataset = dataset });
                    }
                    else if (store.Models.TryGetValue(assetKey, out var model))
                    {
                        inputAssets.Add(new InputAsset { Kind = AssetKind.Model, Identifier = input.Identifier, Model = model });
                        resources.Add(LinkModel(inputFiles, model, inputs, input.Identifier, isMultiple));
                    }
                    else
                    {
                        throw new InvalidOperationException($"Task {task.Key}: the asset {assetKey} of input '{input.Identifier}' does not exist any more.");
                    }
                }
            }

            store.SaveInputs(task.Key, inputAssets);
            scope.Commit();
        }

        inputFiles.Place();

        var dataSamples = new Dictionary<string, string>(StringComparer.Ordinal);
        var samplesMultiple = multiple.GetValueOrDefault(DataSamplesIdentifier);
        List<string> arguments = [];
        if (remoteDataset)
        {
            // A remote dataset means fake data (docs/compatibility.md#task-command-line): one fake sample per data-sample reference.
            arguments.AddRange(["--fake-data", "--n-fake-samples", (fakeSamples + sampleKeys.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            sampleKeys.Clear();
        }

        lock (store.Gate)
        {
            foreach (var key in sampleKeys)
            {
                resources.Add(new TaskResource(DataSamplesIdentifier, SpawnRequest.InputsVolume + "/" + key, samplesMultiple));
                dataSamples[key] = store.DataSamples[key].Path!;
            }
        }

        var outputs = task.Outputs.Keys.Select(identifier => (identifier, Guid.NewGuid().ToString())).ToList();
        var outputResources = outputs.Select(output => new TaskResource(output.identifier, SpawnRequest.OutputsVolume + "/" + output.Item2, false));
        arguments.AddRange(
        [
            "--task-properties", PythonJson.TaskProperties(task.Rank),
            "--inputs", PythonJson.Resources(resources),
            "--outputs", PythonJson.Resources(outputResources),
            "--log-level", "warning",
        ]);
        return (arguments, dataSamples, outputs);
    }

    private static TaskResource LinkModel(InputFiles files, OutModel model, string inputs, string identifier, bool multiple)
    {
        var address = model.Address ?? throw new InvalidOperationException($"The model {model.Key} has no file (it was transient or deleted).");
        var name = Guid.NewGuid().ToString();
        files.Add(address.StorageAddress, Path.Combine(inputs, name));
        return new TaskResource(identifier, SpawnRequest.InputsVolume + "/" + name, multiple);
    }

    private void SaveOutputs(TaskEntry task, string taskDirectory, List<(string Identifier, string FileName)> outputFiles)
    {
        var files = outputFiles.ToDictionary(output => output.Identifier, output => output.FileName, StringComparer.Ordinal);
        var outputAssets = new List<OutputAsset>();
        var models = new List<OutModel>();
        foreach (var output in task.Function.Outputs)
        {
            if (output.Multiple)
            {
                throw new NotSupportedException($"Multiple output value is not supported yet (output '{output.Identifier}' of function {task.Function.Key}).");
            }

            if (!files.TryGetValue(output.Identifier, out var fileName))
            {
                continue;
            }

            var produced = Path.Combine(taskDirectory, "outputs", fileName);
            if (!File.Exists(produced))
            {
                throw new ExecutionException($"Task {task.Key}: the function exited without writing its output '{output.Identifier}'.");
            }

            switch (output.Kind)
            {
                case AssetKind.Performance:
                    outputAssets.Add(new OutputAsset { Kind = output.Kind, Identifier = output.Identifier, Performance = ReadPerformance(produced, output.Identifier, task.Key) });
                    break;
                case AssetKind.Model:
                    var (checksum, stored) = content.AddByMove(produced, ContentStore.Roles.Model);
                    var model = new OutModel
                    {
                        Key = Guid.NewGuid().ToString(),
                        ComputeTaskKey = task.Key,
                        Address = new InModel { Checksum = checksum, StorageAddress = stored },
                        Permissions = task.Outputs[output.Identifier].Permissions,
                        Owner = task.Owner,
                        CreationDate = store.Now,
                    };
                    models.Add(model);
                    outputAssets.Add(new OutputAsset { Kind = output.Kind, Identifier = output.Identifier, Model = model });
                    break;
                default:
                    throw new InvalidOperationException($"The output '{output.Identifier}' has kind {output.Kind}; task outputs are models or performances.");
            }
        }

        store.Write(() =>
        {
            foreach (var model in models)
            {
                store.SaveModel(model);
            }

            store.SaveOutputs(task.Key, outputAssets);
        });
    }

    /// <summary>
    /// Rewrites the plan's live performances file with <paramref name="finishing"/>'s performances, before the task is
    /// marked DONE: once the plan is DONE, its file is complete. The caller holds the plan's file lock.
    /// </summary>
    public void WriteLivePerformances(TaskEntry finishing)
    {
        Models.Performances performances;
        lock (store.Gate)
        {
            performances = Queries.PerformanceTable.Build(store, finishing.Plan, store.Now, finishing);
        }

        try
        {
            Queries.LivePerformancesFile.Write(workspace.LivePerformancesPath(finishing.Plan.Key), performances);
        }
        catch (IOException e)
        {
            logger.LogWarning("Could not write the live performances of compute plan {ComputePlanKey}: {Message}", finishing.Plan.Key, e.Message);
        }
    }

    private static double ReadPerformance(string path, string identifier, string taskKey)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("all", out var value))
            {
                return value.ValueKind == JsonValueKind.String
                    ? double.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                    : value.GetDouble();
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new ExecutionException($"Task {taskKey}: the performance output '{identifier}' is not a JSON file {{\"all\": <number>}}: {e.Message}");
        }

        throw new ExecutionException($"Task {taskKey}: the performance output '{identifier}' is not a JSON file {{\"all\": <number>}}.");
    }

    /// <summary>Completes once every task folder handed over so far is emptied or deleted, then deletes the idle ones (the platform is closing).</summary>
    public async Task CloseRunFoldersAsync()
    {
        Task cleanup;
        lock (_cleanupLock)
        {
            cleanup = _cleanup;
        }

        await cleanup.ConfigureAwait(false);
        try
        {
            _runFolders.DeleteIdle();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not delete an idle task folder: {Message}", e.Message);
        }
    }

    /// <summary>
    /// Empties a finished task's folder for a later task off the critical path (one at a time, in the background):
    /// that takes milliseconds the task's children need not wait for.
    /// </summary>
    private void RecycleLater(string directory)
    {
        lock (_cleanupLock)
        {
            _cleanup = _cleanup.ContinueWith(_ => TryRecycle(directory), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private void TryRecycle(string directory)
    {
        try
        {
            _runFolders.Recycle(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not empty or delete the task folder {Directory}: {Message}", directory, e.Message);
        }
    }
}

using System.Text.Json;
using Substra.Sdk.Json;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// Rebuilds a store from its journal when a workspace is reopened: assets, plans, and tasks in registration order (so
/// parents come before children), with their last journaled state. What was waiting is waiting again; what was running
/// when the previous host stopped is returned, to be run again from its inputs.
/// </summary>
internal static class StoreLoader
{
    public static IReadOnlyList<TaskEntry> Load(LocalStore store, StoredState state)
    {
        foreach (var (clientName, organization) in state.Organizations)
        {
            store.AddOrganization(clientName, organization);
        }

        foreach (var (table, json) in state.Assets)
        {
            switch (table)
            {
                case AssetTable.Function:
                    Add(store.Functions, JsonSerializer.Deserialize(json, SubstraJsonContext.Default.Function)!, function => function.Key);
                    break;
                case AssetTable.RemoteFunction:
                    Add(store.RemoteFunctions, JsonSerializer.Deserialize(json, SubstraJsonContext.Default.Function)!, function => function.Key);
                    break;
                case AssetTable.Dataset:
                    Add(store.Datasets, JsonSerializer.Deserialize(json, SubstraJsonContext.Default.Dataset)!, dataset => dataset.Key);
                    break;
                case AssetTable.RemoteDataset:
                    Add(store.RemoteDatasets, JsonSerializer.Deserialize(json, SubstraJsonContext.Default.Dataset)!, dataset => dataset.Key);
                    break;
                case AssetTable.DataSample:
                    Add(store.DataSamples, JsonSerializer.Deserialize(json, SubstraJsonContext.Default.DataSample)!, sample => sample.Key);
                    break;
                case AssetTable.RemoteDataSample:
                    Add(store.RemoteDataSamples, JsonSerializer.Deserialize(json, SubstraJsonContext.Default.DataSample)!, sample => sample.Key);
                    break;
                case AssetTable.Model:
                    Add(store.Models, JsonSerializer.Deserialize(json, SubstraJsonContext.Default.OutModel)!, model => model.Key);
                    break;
            }
        }

        foreach (var stored in state.Plans)
        {
            store.Plans.Add(stored.Registered.Key, new PlanEntry(stored.Registered)
            {
                StartDate = stored.StartDate,
                EndDate = stored.EndDate,
                FailedTaskKey = stored.FailedTaskKey,
                Canceled = stored.Canceled,
            });
        }

        foreach (var (key, inputs) in state.InputAssets)
        {
            store.InputAssets[key] = inputs;
        }

        foreach (var (key, outputs) in state.OutputAssets)
        {
            store.OutputAssets[key] = outputs;
        }

        var interrupted = new List<TaskEntry>();
        // Batches decode independently (a plan of 100,000 tasks is a dozen of them): on every core, then added in order.
        var decoded = new List<StoredTask>[state.TaskBatches.Count];
        try
        {
            Parallel.For(0, decoded.Length, i => decoded[i] = TaskBatchFormat.Read(state.TaskBatches[i].Body));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // What a damaged batch says (InvalidDataException), as the sequential read threw it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        for (var batch = 0; batch < decoded.Length; batch++)
        {
            var plan = store.Plans[state.TaskBatches[batch].PlanKey];
            var tasks = decoded[batch];
            store.Tasks.EnsureCapacity(store.Tasks.Count + tasks.Count);
            plan.Tasks.EnsureCapacity(plan.Tasks.Count + tasks.Count);
            foreach (var stored in tasks)
            {
                var function = store.Functions.GetValueOrDefault(stored.FunctionKey) ?? store.RemoteFunctions.GetValueOrDefault(stored.FunctionKey)
                    ?? throw new InvalidDataException(
                        $"The workspace database names function {stored.FunctionKey} for task {stored.Key}, but holds no such function: the database is damaged.");
                var entry = new TaskEntry
                {
                    Key = stored.Key,
                    Function = function,
                    Owner = stored.Owner,
                    Plan = plan,
                    Metadata = stored.Metadata,
                    Status = ComputeTaskStatus.WaitingForParentTasks,
                    Worker = stored.Worker,
                    Rank = stored.Rank,
                    Tag = stored.Tag,
                    CreationDate = stored.CreationDate,
                    Inputs = stored.Inputs,
                    Outputs = stored.Outputs,
                    BackendType = stored.BackendType,
                };
                store.Tasks.Add(entry.Key, entry);
                plan.Tasks.Add(entry);
                if (state.TaskStates.TryGetValue(entry.Key, out var saved))
                {
                    entry.StartDate = saved.StartDate;
                    entry.EndDate = saved.EndDate;
                    entry.ErrorType = saved.ErrorType;
                    entry.LogPath = saved.LogPath;
                    if (saved.Status is ComputeTaskStatus.Done or ComputeTaskStatus.Failed or ComputeTaskStatus.Canceled)
                    {
                        Place(entry, saved.Status);
                        continue;
                    }

                    if (saved.Status == ComputeTaskStatus.Executing)
                    {
                        Place(entry, ComputeTaskStatus.Executing);
                        interrupted.Add(entry);
                        continue;
                    }
                }

                Wait(store, entry);
            }
        }

        return interrupted;
    }

    /// <summary>A task that has not run: canceled when a parent can no longer succeed, else waiting for its parents or ready.</summary>
    private static void Wait(LocalStore store, TaskEntry task)
    {
        var blocked = false;
        foreach (var input in task.Inputs)
        {
            if (input.ParentTaskKey is not { Length: > 0 } parentKey || !store.Tasks.TryGetValue(parentKey, out var parent))
            {
                continue;
            }

            switch (parent.Status)
            {
                case ComputeTaskStatus.Done:
                    break;
                case ComputeTaskStatus.Failed:
                case ComputeTaskStatus.Canceled:
                    blocked = true;
                    break;
                default:
                    if (parent.Children?.Contains(task) != true)
                    {
                        task.PendingParents++;
                        (parent.Children ??= []).Add(task);
                    }

                    break;
            }
        }

        Place(task, blocked || task.Plan.Canceled ? ComputeTaskStatus.Canceled
            : task.PendingParents > 0 ? ComputeTaskStatus.WaitingForParentTasks
            : ComputeTaskStatus.WaitingForExecutorSlot);
    }

    private static void Place(TaskEntry task, ComputeTaskStatus status)
    {
        task.Status = status;
        task.Plan.Move(null, status);
    }

    private static void Add<T>(Dictionary<string, T> index, T asset, Func<T, string> key) => index[key(asset)] = asset;
}

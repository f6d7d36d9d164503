using Substra.Sdk.Backends;
using Substra.Sdk.Json;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// One local platform's state: its organisations, assets, plans and tasks, indexed in memory for reads and made durable
/// by the <see cref="Journal"/>. <see cref="Gate"/> guards everything; a change is journaled under it, before the call
/// that made it returns. Owned by its <see cref="Platform.LocalPlatform"/>, never shared between platforms.
/// </summary>
internal sealed class LocalStore(StoreJournal journal, TimeProvider clock)
{
    private readonly Dictionary<string, Organization> _organizationsByClient = new(StringComparer.Ordinal);

    public Lock Gate { get; } = new();

    public StoreJournal Journal { get; } = journal;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Runs the tasks that become ready and hears their state changes: the platform's scheduler.</summary>
    public ITaskDispatcher? Dispatcher { get; set; }

    /// <summary>Completes at every state change: waits wake on it instead of polling.</summary>
    public ChangeSignal Changes { get; } = new();

    public Dictionary<string, Function> Functions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dataset> Datasets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DataSample> DataSamples { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, OutModel> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>Hybrid mode: platform functions used by local tasks, their archive downloaded (storage address rewritten).</summary>
    public Dictionary<string, Function> RemoteFunctions { get; } = new(StringComparer.Ordinal);

    /// <summary>Hybrid mode: platform datasets used by local tasks, their opener downloaded (storage address rewritten).</summary>
    public Dictionary<string, Dataset> RemoteDatasets { get; } = new(StringComparer.Ordinal);

    /// <summary>Hybrid mode: platform data samples used by local tasks (never downloaded: the opener fakes them).</summary>
    public Dictionary<string, DataSample> RemoteDataSamples { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PlanEntry> Plans { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TaskEntry> Tasks { get; } = new(StringComparer.Ordinal);

    /// <summary>Output assets by task key, in the function's output order.</summary>
    public Dictionary<string, List<OutputAsset>> OutputAssets { get; } = new(StringComparer.Ordinal);

    /// <summary>Input assets by task key, in the task's input order.</summary>
    public Dictionary<string, List<InputAsset>> InputAssets { get; } = new(StringComparer.Ordinal);

    public List<Organization> Organizations { get; } = [];

    public DateTimeOffset Now => Clock.GetLocalNow();

    /// <summary>
    /// The organisation of a named client, made on its first use and kept in the workspace, so that a client name always
    /// has the same id whatever the order clients are created in. An unnamed client is a new organisation each time.
    /// </summary>
    public Organization OrganizationFor(string? clientName)
    {
        lock (Gate)
        {
            if (clientName is not null && _organizationsByClient.TryGetValue(clientName, out var known))
            {
                return known;
            }

            var organization = new Organization { Id = OrganizationIds.For(clientName, Organizations), IsCurrent = false, CreationDate = Now };
            using var scope = Journal.Write();
            Journal.SaveOrganization(clientName, organization);
            scope.Commit();
            AddOrganization(clientName, organization);
            return organization;
        }
    }

    public void AddOrganization(string? clientName, Organization organization)
    {
        Organizations.Add(organization);
        if (clientName is not null)
        {
            _organizationsByClient[clientName] = organization;
        }
    }

    // Each Save* writes the asset to its index and to the journal; the caller holds the lock and a journal scope.
    public void SaveFunction(Function function) => Save(Functions, AssetTable.Function, function.Key, function, SubstraJsonContext.Default.Function);

    public void SaveRemoteFunction(Function function) =>
        Save(RemoteFunctions, AssetTable.RemoteFunction, function.Key, function, SubstraJsonContext.Default.Function);

    public void SaveDataset(Dataset dataset) => Save(Datasets, AssetTable.Dataset, dataset.Key, dataset, SubstraJsonContext.Default.Dataset);

    public void SaveRemoteDataset(Dataset dataset) =>
        Save(RemoteDatasets, AssetTable.RemoteDataset, dataset.Key, dataset, SubstraJsonContext.Default.Dataset);

    public void SaveDataSample(DataSample sample) => Save(DataSamples, AssetTable.DataSample, sample.Key, sample, SubstraJsonContext.Default.DataSample);

    public void SaveRemoteDataSample(DataSample sample) =>
        Save(RemoteDataSamples, AssetTable.RemoteDataSample, sample.Key, sample, SubstraJsonContext.Default.DataSample);

    public void SaveModel(OutModel model) => Save(Models, AssetTable.Model, model.Key, model, SubstraJsonContext.Default.OutModel);

    public void DeleteModel(string key)
    {
        Models.Remove(key);
        Journal.DeleteAsset(AssetTable.Model, key);
    }

    public void SaveInputs(string taskKey, List<InputAsset> inputs)
    {
        InputAssets[taskKey] = inputs;
        Journal.SaveTaskInputs(taskKey, inputs);
    }

    public void SaveOutputs(string taskKey, List<OutputAsset>? outputs)
    {
        if (outputs is null)
        {
            OutputAssets.Remove(taskKey);
        }
        else
        {
            OutputAssets[taskKey] = outputs;
        }

        Journal.SaveTaskOutputs(taskKey, outputs);
    }

    /// <summary>
    /// Applies task transitions under the lock, journals them in one transaction, then (outside the lock) reports them and
    /// hands the tasks that became ready to the scheduler.
    /// </summary>
    public void Transition(Action<TaskLifecycle> change)
    {
        var lifecycle = new TaskLifecycle(this, Now);
        lock (Gate)
        {
            using var scope = Journal.Write();
            change(lifecycle);
            lifecycle.Journal();
            scope.Commit();
        }

        lifecycle.Publish();
    }

    /// <summary>Runs <paramref name="write"/> under the lock in one journal transaction, then wakes the waits.</summary>
    public T Write<T>(Func<T> write)
    {
        T result;
        lock (Gate)
        {
            using var scope = Journal.Write();
            result = write();
            scope.Commit();
        }

        Changes.Pulse();
        return result;
    }

    public void Write(Action write) => Write(() =>
    {
        write();
        return true;
    });

    private void Save<T>(Dictionary<string, T> index, AssetTable table, string key, T asset, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        Journal.SaveAsset(table, key, asset, type);
        index[key] = asset;
    }
}

/// <summary>Where transitions go once committed: the platform's scheduler.</summary>
internal interface ITaskDispatcher
{
    void Report(TaskEntry task, TaskStateChange change);

    void Enqueue(TaskEntry task);
}

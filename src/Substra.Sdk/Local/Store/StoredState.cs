using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Store;

/// <summary>The tables of the asset journal: one per kind of registered or produced asset.</summary>
internal enum AssetTable
{
    Function = 1,
    Dataset = 2,
    DataSample = 3,
    Model = 4,
    RemoteFunction = 5,
    RemoteDataset = 6,
    RemoteDataSample = 7,
}

internal sealed record StoredPlan(ComputePlan Registered, DateTimeOffset? StartDate, DateTimeOffset? EndDate, string? FailedTaskKey, bool Canceled);

internal sealed record StoredTaskState(ComputeTaskStatus Status, DateTimeOffset? StartDate, DateTimeOffset? EndDate, TaskErrorType? ErrorType, string? LogPath);

/// <summary>What <see cref="StoreJournal.Load"/> read, before the store rebuilds its indexes from it.</summary>
internal sealed class StoredState
{
    public List<(string? ClientName, Organization Organization)> Organizations { get; } = [];

    public List<(AssetTable Table, byte[] Json)> Assets { get; } = [];

    public List<StoredPlan> Plans { get; } = [];

    public List<(string PlanKey, byte[] Body)> TaskBatches { get; } = [];

    public Dictionary<string, StoredTaskState> TaskStates { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<InputAsset>> InputAssets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<OutputAsset>> OutputAssets { get; } = new(StringComparer.Ordinal);
}

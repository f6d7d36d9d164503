using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// The one in-memory database of the process: every local client shares it, which is how several organisations are
/// simulated on one machine. <see cref="Gate"/> guards everything; registration of a whole plan takes it once.
/// </summary>
internal sealed class LocalStore
{
    private int _organizationCount;
    private int _liveBackends;

    public static LocalStore Shared { get; } = new();

    public object Gate { get; } = new();

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

    /// <summary>Asset files folders of disposed clients, deleted once no client is left to use them.</summary>
    public List<string> OrphanedDirectories { get; } = [];

    /// <summary>Registers a new organisation <c>MyOrg{N}MSP</c> for a new local client.</summary>
    public Organization AddOrganization(DateTimeOffset now)
    {
        lock (Gate)
        {
            _liveBackends++;
            var organization = new Organization { Id = $"MyOrg{++_organizationCount}MSP", IsCurrent = false, CreationDate = now };
            Organizations.Add(organization);
            return organization;
        }
    }

    /// <summary>A client left; returns the folders to delete when it was the last one.</summary>
    public IReadOnlyList<string> ReleaseBackend(string tempDirectory)
    {
        lock (Gate)
        {
            OrphanedDirectories.Add(tempDirectory);
            if (--_liveBackends > 0)
            {
                return [];
            }

            var directories = OrphanedDirectories.ToList();
            OrphanedDirectories.Clear();
            return directories;
        }
    }
}

using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Subprocess;

namespace Substra.Sdk.Local.Tests.Infrastructure;

/// <summary>A subprocess spawner on a temp workspace, and helpers to build task folders and requests for it.</summary>
internal sealed class SpawnerFixture : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly TempDirectory _temp = new();

    /// <param name="useProcessClass">Starts task processes with the Process class (the launcher used where the native one cannot run).</param>
    public SpawnerFixture(bool useProcessClass = false)
    {
        Spawner = new SubprocessSpawner(new SubprocessSpawnerOptions
        {
            WorkspaceDirectory = Workspace, PythonInterpreter = Python, PlatformId = PlatformId, UseProcessClass = useProcessClass,
        });
    }

    /// <summary>The platform id of the spawner's processes, unique to this fixture.</summary>
    public string PlatformId { get; } = "spawner-test-" + Guid.NewGuid().ToString("N");

    public string Root => _temp.Path;

    public string Workspace => _temp.Combine("local-worker");

    public SubprocessSpawner Spawner { get; }

    public StringWriter Log { get; } = new();

    public SpawnRequest Request(string archive, string taskKey, IReadOnlyList<string>? arguments = null,
        IReadOnlyDictionary<string, string>? dataSamples = null, TimeSpan? timeout = null, string? taskDirectory = null)
    {
        var directory = taskDirectory ?? Path.Combine(Workspace, taskKey);
        foreach (var sub in new[] { "inputs", "outputs", "cli-args" })
        {
            Directory.CreateDirectory(Path.Combine(directory, sub));
        }

        return new SpawnRequest(taskKey, archive, PythonFunctions.Sha256(archive), directory,
            arguments ?? Outputs("model", "out-model"), dataSamples ?? new Dictionary<string, string>(), Log, timeout);
    }

    public static IReadOnlyList<string> Outputs(string identifier, string fileName) =>
    [
        "--task-properties", "{\"rank\": 0}",
        "--inputs", "[]",
        "--outputs", $"[{{\"id\": \"{identifier}\", \"value\": \"{SpawnRequest.OutputsVolume}/{fileName}\", \"multiple\": false}}]",
        "--log-level", "warning",
    ];

    public async ValueTask DisposeAsync()
    {
        await Spawner.DisposeAsync();
        // Never leave a process behind, even when a test failed before its own checks.
        TaskProcessReaper.KillPlatform(PlatformId);
        _temp.Dispose();
    }
}

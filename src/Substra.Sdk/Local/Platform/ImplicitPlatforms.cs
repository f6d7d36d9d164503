using Substra.Sdk.Backends;

namespace Substra.Sdk.Local.Platform;

/// <summary>
/// The platforms opened for clients made from options alone (<c>new SubstraClient(options)</c> with a local backend):
/// the first such client of a workspace opens its platform, the others of this process share it, the last one to go
/// closes it. A workspace is owned by one process at a time, so this table is per process; it holds handles to
/// platforms, never state of its own. Clients made by <see cref="LocalPlatform.CreateClient(string?)"/> do not use it.
/// </summary>
internal static class ImplicitPlatforms
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Entry> Open = new(StringComparer.Ordinal);

    public static IBackend CreateBackend(LocalBackendSettings settings)
    {
        var workspace = Path.GetFullPath(settings.WorkspaceDirectory ?? Path.Combine(Environment.CurrentDirectory, "local-worker"));
        Entry entry;
        lock (Gate)
        {
            if (!Open.TryGetValue(workspace, out entry!))
            {
                entry = new Entry(LocalPlatform.Open(new LocalPlatformOptions
                {
                    WorkspaceDirectory = workspace,
                    MaxParallelTasks = settings.MaxParallelTasks,
                    PythonInterpreter = settings.PythonInterpreter,
                    TaskTimeout = settings.TaskTimeout,
                    ArchiveLimits = settings.ArchiveLimits,
                    DockerBackend = settings.DockerBackend,
                    LoggerFactory = settings.LoggerFactory,
                }));
                Open.Add(workspace, entry);
            }

            entry.Clients++;
        }

        try
        {
            return entry.Platform.CreateBackend(settings with { WorkspaceDirectory = workspace }, new Lease(workspace, entry));
        }
        catch
        {
            Release(workspace, entry).AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    private static ValueTask Release(string workspace, Entry entry)
    {
        lock (Gate)
        {
            if (--entry.Clients > 0)
            {
                return ValueTask.CompletedTask;
            }

            Open.Remove(workspace);
        }

        return entry.Platform.DisposeAsync();
    }

    private sealed class Entry(LocalPlatform platform)
    {
        public LocalPlatform Platform { get; } = platform;

        public int Clients { get; set; }
    }

    private sealed class Lease(string workspace, Entry entry) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? Release(workspace, entry) : ValueTask.CompletedTask;
    }
}

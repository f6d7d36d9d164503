using System.Collections.Concurrent;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// The task runs a spawner has going. Disposing the spawner kills all their processes, and so does the exit of this
/// process, so no task outlives its client.
/// </summary>
internal sealed class ChildProcessRegistry
{
    private static readonly ConcurrentDictionary<ChildProcessRegistry, byte> Live = new();
    private static int _exitHookInstalled;

    private readonly HashSet<TaskRun> _runs = [];
    private bool _closed;

    public ChildProcessRegistry()
    {
        if (Interlocked.Exchange(ref _exitHookInstalled, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill([.. Live.Keys.SelectMany(registry => registry.Snapshot())]);
        }

        Live.TryAdd(this, 0);
    }

    /// <summary>Tracks a started run; false (and its processes are killed) when the registry is already closed.</summary>
    public bool TryAdd(TaskRun run)
    {
        lock (_runs)
        {
            if (!_closed)
            {
                _runs.Add(run);
                return true;
            }
        }

        run.MarkKilledByDisposal();
        run.KillAll();
        return false;
    }

    public void Remove(TaskRun run)
    {
        lock (_runs)
        {
            _runs.Remove(run);
        }
    }

    /// <summary>Kills the processes of every tracked run, refuses new ones, and returns the runs that were going.</summary>
    public IReadOnlyList<TaskRun> Close()
    {
        TaskRun[] runs;
        lock (_runs)
        {
            _closed = true;
            runs = [.. _runs];
        }

        foreach (var run in runs)
        {
            run.MarkKilledByDisposal();
        }

        Kill(runs);
        Live.TryRemove(this, out _);
        return runs;
    }

    private TaskRun[] Snapshot()
    {
        lock (_runs)
        {
            return [.. _runs];
        }
    }

    /// <summary>The groups first (cheap), then one scan for the processes of all the runs that left them.</summary>
    private static void Kill(IReadOnlyCollection<TaskRun> runs)
    {
        foreach (var run in runs)
        {
            run.KillProcessGroup();
        }

        TaskProcessReaper.KillRuns(runs.Select(run => run.RunId));
    }
}

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// Kills what ended task runs left outside their process group (a grandchild in its own session), by their run
/// markers. A scan reads every process's environment, so the runs that end within <see cref="Delay"/> of each other
/// share one scan, off the tasks' path, instead of one scan per task.
/// </summary>
internal sealed class EndedRunSweeper : IDisposable
{
    /// <summary>How long a scan waits for other runs to end; processes left behind die this long after their task at most (plus the scan).</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(100);

    private readonly Lock _lock = new();
    private List<string> _pending = [];
    private bool _scheduled;
    private bool _disposed;

    /// <summary>Sweeps the processes of <paramref name="runId"/> soon.</summary>
    public void Sweep(string runId)
    {
        bool disposed;
        lock (_lock)
        {
            disposed = _disposed;
            if (!disposed)
            {
                _pending.Add(runId);
                if (_scheduled)
                {
                    return;
                }

                _scheduled = true;
            }
        }

        if (disposed)
        {
            // A run that ends after the spawner's disposal (a race with it) has no later scan to wait for.
            TaskProcessReaper.KillRuns([runId]);
            return;
        }

        _ = Task.Delay(Delay).ContinueWith(_ => SweepPending(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Sweeps what is pending now (the spawner's disposal).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        SweepPending();
    }

    private void SweepPending()
    {
        List<string> runs;
        lock (_lock)
        {
            (runs, _pending) = (_pending, []);
            _scheduled = false;
        }

        if (runs.Count > 0)
        {
            TaskProcessReaper.KillRuns(runs);
        }
    }
}

namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>
/// A process <see cref="NativeTaskLauncher"/> started: its pidfd (for the exit and for signals that cannot reach a
/// later process with the same pid) and the read ends of its output pipes, all watched by one
/// <see cref="TaskProcessMonitor"/> thread. The descriptors are closed by that thread, or here once it has stopped.
/// </summary>
internal sealed class NativeTaskProcess : ITaskProcess
{
    private readonly TaskProcessMonitor _monitor;
    private readonly Lock _descriptors = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly OutputLineSplitter _outputLines = new();
    private readonly OutputLineSplitter _errorLines = new();
    private readonly TaskOutputLog? _log;
    private readonly HostDeathWatchdog? _watchdog;
    private int _pidfd;
    private volatile bool _stopReading;
    private volatile bool _disposed;

    public NativeTaskProcess(TaskProcessMonitor monitor, int id, int pidfd, int output, int error, TaskOutputLog? log, HostDeathWatchdog? watchdog = null)
    {
        _watchdog = watchdog;
        _monitor = monitor;
        Id = id;
        _pidfd = pidfd;
        Output = output;
        Error = error;
        _log = log;
        if (output < 0 && error < 0)
        {
            _outputEnded.SetResult();
        }
    }

    public int Id { get; }

    public bool OwnProcessGroup => true;

    public Task<int> Exited => _exited.Task;

    public Task OutputEnded => _outputEnded.Task;

    // The monitor thread's view; -1 once closed.
    internal int Pidfd => _pidfd;

    internal int Output { get; private set; }

    internal int Error { get; private set; }

    internal bool ExitSeen => _exited.Task.IsCompleted;

    internal bool StopRequested => _stopReading;

    internal bool DisposeRequested => _disposed;

    public void StopReading()
    {
        _stopReading = true;
        if (!_monitor.Wake())
        {
            CloseOutput();
        }
    }

    public void Kill()
    {
        lock (_descriptors)
        {
            if (_pidfd >= 0)
            {
                // After the exit (even reaped) the pidfd still names the dead process: ESRCH, never another process.
                Libc.KillThroughPidfd(_pidfd);
            }
        }
    }

    /// <summary>Lets go of the process; its group must have been killed (the watchdog stops watching it).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _watchdog?.Untrack(Id);
        _disposed = true;
        if (!_monitor.Wake())
        {
            CloseAll();
        }
    }

    /// <summary>The monitor saw the pidfd readable: reaps the process and completes <see cref="Exited"/>.</summary>
    internal void Reap()
    {
        if (Libc.Reap(_pidfd, out var error) is { } exitCode)
        {
            _exited.TrySetResult(exitCode);
        }
        else
        {
            // ECHILD: something else in this process reaped it.
            _exited.TrySetException(new TaskLaunchException(
                $"The exit status of process {Id} could not be read (error {error}); another part of this process reaped it."));
        }
    }

    /// <summary>Reads what <paramref name="fd"/> holds now into the log; closes it at its end.</summary>
    internal void ReadAvailable(int fd, byte[] buffer)
    {
        var splitter = fd == Output ? _outputLines : _errorLines;
        var count = Libc.read(fd, buffer, buffer.Length);
        if (count > 0)
        {
            if (_log is not null)
            {
                splitter.Append(buffer.AsSpan(0, (int)count), _log);
            }

            return;
        }

        if (count < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Libc.Interrupted)
        {
            return;
        }

        if (_log is not null)
        {
            splitter.Finish(_log);
        }

        ClosePipe(fd);
    }

    /// <summary>Reading or reaping failed in an unexpected way: the output is given up, and an exit not yet seen is reported as failed.</summary>
    internal void Fail(Exception error)
    {
        CloseOutput();
        FailExit(new TaskLaunchException($"Watching process {Id} failed: {error.Message}", error));
    }

    internal void CloseOutput()
    {
        ClosePipe(Output);
        ClosePipe(Error);
    }

    internal void CloseAll()
    {
        CloseOutput();
        lock (_descriptors)
        {
            if (_pidfd >= 0)
            {
                Libc.close(_pidfd);
                _pidfd = -1;
            }
        }

        FailExit(new ObjectDisposedException(nameof(NativeTaskProcess), $"Process {Id} was let go of before its exit was seen."));
    }

    private void FailExit(Exception error)
    {
        if (_exited.TrySetException(error))
        {
            // Whoever let go of the process may not wait any more: not an unobserved exception.
            _ = _exited.Task.Exception;
        }
    }

    // Under the lock: the monitor and a disposal after the monitor stopped may both close, and a descriptor number
    // closed twice could by then belong to another file.
    private void ClosePipe(int fd)
    {
        lock (_descriptors)
        {
            if (fd < 0 || (fd != Output && fd != Error))
            {
                return;
            }

            Libc.close(fd);
            if (fd == Output)
            {
                Output = -1;
            }
            else
            {
                Error = -1;
            }
        }

        if (Output < 0 && Error < 0)
        {
            _outputEnded.TrySetResult();
        }
    }
}

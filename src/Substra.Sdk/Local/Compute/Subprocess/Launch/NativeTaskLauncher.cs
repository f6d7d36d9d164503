using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>
/// Starts task processes with <c>posix_spawn</c> (Linux 5.4 or later): one exec per task, the function's own, where
/// <see cref="ProcessClassLauncher"/> runs two more (<c>setpriv</c>, <c>setsid</c>), each about a millisecond. The new
/// session comes from the C library; death with this process from <see cref="HostDeathWatchdog"/>; exits and output from
/// one <see cref="TaskProcessMonitor"/> thread.
/// </summary>
internal sealed class NativeTaskLauncher : ITaskProcessLauncher
{
    private readonly TaskProcessMonitor _monitor;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private HostDeathWatchdog? _watchdog;
    private bool _watchdogFailed;
    private bool _disposed;

    private NativeTaskLauncher(ILogger logger)
    {
        _logger = logger;
        _monitor = new TaskProcessMonitor();
    }

    public bool DiesWithHost => !_watchdogFailed;

    public bool OwnProcessGroup => true;

    /// <summary>
    /// The native launcher when this machine can run it (Linux 5.4 or later for pidfds that <c>waitid</c> takes, a C library
    /// with <c>posix_spawn_file_actions_addchdir_np</c>), else null.
    /// </summary>
    public static NativeTaskLauncher? TryCreate(ILogger logger)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/bin/sh"))
        {
            return null;
        }

        try
        {
            var pidfd = Libc.OpenPidfd(Environment.ProcessId);
            if (pidfd < 0)
            {
                return null;
            }

            var waitTakesPidfds = Libc.WaitTakesPidfds(pidfd);
            Libc.close(pidfd);
            if (!waitTakesPidfds)
            {
                return null;
            }

            return PosixSpawn.CanSetWorkingDirectory() ? new NativeTaskLauncher(logger) : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    public Task<ITaskProcess> StartAsync(TaskLaunch launch, TaskOutputLog log)
    {
        var watchdog = Watchdog();
        var (outputRead, outputWrite) = PosixSpawn.Pipe();
        var (errorRead, errorWrite) = (-1, -1);
        int pid;
        try
        {
            (errorRead, errorWrite) = PosixSpawn.Pipe();
            pid = PosixSpawn.Start(launch.Program, launch.Arguments, launch.Environment, launch.WorkingDirectory, -1, outputWrite, errorWrite);
        }
        catch
        {
            Libc.close(outputRead);
            if (errorRead >= 0)
            {
                Libc.close(errorRead);
            }

            throw;
        }
        finally
        {
            Libc.close(outputWrite);
            if (errorWrite >= 0)
            {
                Libc.close(errorWrite);
            }
        }

        // Listed before anything else can fail: from here a death of this process takes the task along.
        watchdog?.Track(pid, launch.RunId);
        var pidfd = Libc.OpenPidfd(pid);
        var process = new NativeTaskProcess(_monitor, pid, pidfd, outputRead, errorRead, log, watchdog);
        if (pidfd < 0 || !_monitor.Watch(process))
        {
            var error = Marshal.GetLastPInvokeError();
            ProcessSignals.KillGroup(pid);
            process.Dispose();
            throw new TaskLaunchException(pidfd < 0 ? $"pidfd_open failed (error {error})." : "The launcher was disposed.");
        }

        return Task.FromResult<ITaskProcess>(process);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _watchdog?.Dispose();
        }

        _monitor.Dispose();
    }

    // Started with the first task: a platform that runs none starts no process. One that cannot start is said once, and
    // tasks run without it (what outlives a killed host then waits for the workspace's reopening).
    private HostDeathWatchdog? Watchdog()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_watchdog is null && !_watchdogFailed)
            {
                try
                {
                    _watchdog = HostDeathWatchdog.Start(_monitor, _logger);
                }
                catch (TaskLaunchException e)
                {
                    _watchdogFailed = true;
                    _logger.LogWarning(
                        "The watchdog that kills task processes if this process dies could not be started ({Reason}); until the workspace is " +
                        "reopened (which kills what a dead host left), task processes may outlive this process if it is killed.", e.Message);
                }
            }

            return _watchdog;
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Compute.Subprocess.Launch;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Tests.Shared;

namespace Substra.Sdk.Local.Tests.Compute;

/// <summary>
/// The native launcher's watchdog, with real processes: when its pipe ends (as when this process dies) it kills what is
/// listed and only that; a watchdog killed by someone else does not stop tasks from running.
/// </summary>
public sealed class HostDeathWatchdogTests : IDisposable
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    private readonly TempDirectory _temp = new();
    private readonly TaskProcessMonitor _monitor = new();
    private readonly List<int> _started = [];
    private readonly List<string> _runs = [];

    [Fact]
    public async Task At_the_end_of_its_pipe_it_kills_the_listed_groups_and_the_processes_that_left_them_and_nothing_else()
    {
        var run = Guid.NewGuid().ToString("N");
        var escapedPidFile = _temp.Combine("escaped.pid");
        // The group leader starts a child that leaves the group for a session of its own, carrying the run id.
        var leader = Start(run, "setsid sleep 60 & echo $! > \"$1\"; exec sleep 60", escapedPidFile);
        var unlisted = Start(Guid.NewGuid().ToString("N"), "exec sleep 60");
        var unlistedButUnwanted = Start(run + "-other", "exec sleep 60");
        var escaped = await ReadPidAsync(escapedPidFile);
        var watchdog = HostDeathWatchdog.Start(_monitor, NullLogger.Instance);
        watchdog.Track(leader, run);

        // Closing the pipe with a task listed is what the kernel does when this process dies.
        watchdog.Dispose();

        await TaskProcesses.AssertExitedAsync([leader, escaped], Promptly);
        Assert.True(TaskProcesses.IsRunning(unlisted), "a process the watchdog was never told about was killed");
        Assert.True(TaskProcesses.IsRunning(unlistedButUnwanted), "a process whose run id only starts with a listed one was killed");
    }

    [Fact]
    public async Task A_clean_end_unlists_every_task_and_kills_nothing()
    {
        var run = Guid.NewGuid().ToString("N");
        var task = Start(run, "exec sleep 60");
        var watchdog = HostDeathWatchdog.Start(_monitor, NullLogger.Instance);
        watchdog.Track(task, run);
        watchdog.Untrack(task);

        watchdog.Dispose();

        await TaskProcesses.AssertExitedAsync([watchdog.ProcessId], Promptly);
        Assert.True(TaskProcesses.IsRunning(task));
    }

    [Fact]
    public async Task A_watchdog_killed_by_someone_else_is_reported_once_and_listing_goes_on_without_error()
    {
        using var logs = new CapturingLoggerFactory();
        var watchdog = HostDeathWatchdog.Start(_monitor, logs.CreateLogger("watchdog"));
        ProcessSignals.Kill(watchdog.ProcessId);
        await TaskProcesses.AssertExitedAsync([watchdog.ProcessId], Promptly);

        watchdog.Track(1_000_000, "run-a");
        watchdog.Track(1_000_001, "run-b");
        watchdog.Dispose();

        var warning = Assert.Single(logs.Logs, entry => entry.Level == LogLevel.Warning);
        Assert.Contains("watchdog", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run id")]
    [InlineData("run\n-1")]
    [InlineData("run:1")]
    [InlineData("run*")]
    [InlineData("")]
    public void A_run_id_the_script_would_split_or_glob_is_refused(string runId)
    {
        using var watchdog = HostDeathWatchdog.Start(_monitor, NullLogger.Instance);

        var error = Assert.Throws<ArgumentException>(() => watchdog.Track(12345, runId));

        Assert.Contains("letters, digits and dashes", error.Message, StringComparison.Ordinal);
    }

    private int Start(string run, string script, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            [TaskProcessReaper.RunVariable] = run,
        };
        var pid = PosixSpawn.Start("/bin/sh", ["-c", script, "sh", .. arguments], environment, _temp.Path, -1, -1, -1);
        _started.Add(pid);
        _runs.Add(run);
        return pid;
    }

    private static async Task<int> ReadPidAsync(string file)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } text)
            {
                return int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{file} was never written.");
    }

    public void Dispose()
    {
        foreach (var pid in _started)
        {
            // Our children: killed through a pidfd and reaped, never left as zombies.
            var pidfd = Libc.OpenPidfd(pid);
            if (pidfd >= 0)
            {
                Libc.KillThroughPidfd(pidfd);
                Libc.Reap(pidfd, out _);
                Libc.close(pidfd);
            }
        }

        // What left its group (the escaped child) is found by its run id, even when a test failed before its checks.
        TaskProcessReaper.KillRuns(_runs);
        _monitor.Dispose();
        _temp.Dispose();
    }
}

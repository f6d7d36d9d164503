using System.Diagnostics;
using System.Reflection;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Tests.Infrastructure;

namespace Substra.Sdk.Local.Tests.Compute;

/// <summary>
/// A host killed with SIGKILL (no disposal, no exit handler) running a task on the real spawner
/// (tests/fixtures/Substra.Sdk.Fixture.SpawnerHost): the task process dies with it. With the native launcher so does a
/// grandchild that left the task's session; with the Process-class launcher that one is found and killed by the platform
/// id when the workspace is reopened.
/// </summary>
public sealed class HostDeathTests : IDisposable
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    private readonly TempDirectory _temp = new();
    private readonly string _platformId = "host-death-test-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_killed_host_takes_its_task_process_and_the_grandchild_that_left_its_session_along()
    {
        // The native launcher's watchdog kills the task's group, then every process with the run's id.
        var (function, grandchild) = await KillHostWithTaskRunningAsync(useProcessClass: false);

        await TaskProcesses.AssertExitedAsync([function, grandchild], Promptly);
        Assert.Empty(TaskProcesses.WithEnvironmentEntry(TaskProcessReaper.PlatformVariable, _platformId));
    }

    [Fact]
    public async Task With_the_process_class_launcher_a_killed_host_takes_its_task_process_along_and_KillPlatform_kills_the_grandchild_that_escaped()
    {
        var (function, grandchild) = await KillHostWithTaskRunningAsync(useProcessClass: true);

        await TaskProcesses.AssertExitedAsync([function], Promptly);
        // In its own session and re-parented, the grandchild has no death signal: it waits for the workspace's reopening.
        Assert.True(TaskProcesses.IsRunning(grandchild));
        Assert.Contains(grandchild, TaskProcesses.WithEnvironmentEntry(TaskProcessReaper.PlatformVariable, _platformId));

        Assert.Equal(1, TaskProcessReaper.KillPlatform(_platformId));

        await TaskProcesses.AssertExitedAsync([grandchild], Promptly);
        Assert.Empty(TaskProcesses.WithEnvironmentEntry(TaskProcessReaper.PlatformVariable, _platformId));
    }

    /// <summary>Starts a host whose task starts a grandchild in its own session, SIGKILLs the host; returns the two pids.</summary>
    private async Task<(int Function, int Grandchild)> KillHostWithTaskRunningAsync(bool useProcessClass)
    {
        var archive = PythonFunctions.Archive(_temp.Path, "detach_and_sleep");
        var taskDirectory = _temp.Combine("local-worker", "host-task");
        Directory.CreateDirectory(Path.Combine(taskDirectory, "outputs"));
        using var host = StartHost(archive, taskDirectory, useProcessClass);
        int[] pids;
        try
        {
            pids = await WaitForPidsAsync(taskDirectory, host);
            Assert.All(pids, pid => Assert.True(TaskProcesses.IsRunning(pid), $"process {pid} is not running before the host is killed"));

            host.Kill();
            await host.WaitForExitAsync();
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill();
            }
        }

        return (pids[0], pids[1]);
    }

    private Process StartHost(string archive, string taskDirectory, bool useProcessClass)
    {
        var hostDll = typeof(HostDeathTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "FixtureSpawnerHostPath").Value!;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     hostDll, _temp.Combine("local-worker"), _platformId, SpawnerFixture.Python, archive, PythonFunctions.Sha256(archive),
                     taskDirectory, "out-model",
                 }.Concat(useProcessClass ? ["process-class"] : Array.Empty<string>()))
        {
            start.ArgumentList.Add(argument);
        }

        var host = Process.Start(start)!;
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        return host;
    }

    private static async Task<int[]> WaitForPidsAsync(string taskDirectory, Process host)
    {
        var pidFile = Path.Combine(taskDirectory, "outputs", "pids");
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(pidFile))
        {
            Assert.False(host.HasExited, $"the host exited with code {(host.HasExited ? host.ExitCode : 0)} before its task wrote its pids");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the host's task never wrote its pids");
            await Task.Delay(20);
        }

        return File.ReadAllText(pidFile).Split(' ').Select(int.Parse).ToArray();
    }

    public void Dispose()
    {
        TaskProcessReaper.KillPlatform(_platformId);
        _temp.Dispose();
    }
}

using System.Diagnostics;
using System.Text.Json;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Tests.Infrastructure;

namespace Substra.Sdk.Local.Tests.Compute;

/// <summary>
/// No process outlives its task, whatever the function does: children in their own session with closed stdio, children
/// holding the task's output pipes, timeouts, cancellation, disposal. Real Python functions (Fixtures/Python/functions.py).
/// Run once per launcher: <see cref="NativeLauncherLifetimeTests"/> (Linux) and <see cref="ProcessClassLauncherLifetimeTests"/>
/// (the one used elsewhere).
/// </summary>
public abstract class TaskProcessLifetimeTests : IAsyncLifetime
{
    // The guarantee under test: a task ends, is canceled or times out within this, whatever its children do.
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    private readonly SpawnerFixture _fixture;

    protected TaskProcessLifetimeTests(bool useProcessClass)
    {
        UseProcessClass = useProcessClass;
        _fixture = new SpawnerFixture(useProcessClass);
    }

    protected bool UseProcessClass { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Task_process_leads_its_own_process_group_and_session_and_carries_the_platform_and_run_markers()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "report_confinement");

        await _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-confinement"), CancellationToken.None);

        var log = _fixture.Log.ToString().Split('\n').Select(line => line.Trim()).ToList();
        // setpriv gives the Process-class launcher's processes a death signal; the native launcher has a watchdog instead (HostDeathTests).
        Assert.Contains(UseProcessClass ? "PDEATHSIG 9" : "PDEATHSIG 0", log);
        Assert.Contains("GROUP_LEADER True", log);
        Assert.Contains("SESSION_LEADER True", log);
        Assert.Contains($"PLATFORM {_fixture.PlatformId}", log);
        Assert.Matches("^RUN [0-9a-f]{32}$", log.Single(line => line.StartsWith("RUN ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_function_killed_by_a_signal_fails_with_128_plus_the_signal_as_its_exit_code_and_keeps_its_output()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "die_by_signal");

        var error = await Assert.ThrowsAsync<ExecutionException>(
            () => _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-signal"), CancellationToken.None));

        Assert.Equal(128 + 9, error.ExitCode);
        Assert.Contains("about to be killed", _fixture.Log.ToString());
    }

    [Fact]
    public async Task Each_run_has_its_own_run_id()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "report_confinement");

        await _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-run-1"), CancellationToken.None);
        await _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-run-1"), CancellationToken.None);

        var runs = _fixture.Log.ToString().Split('\n').Where(line => line.StartsWith("RUN ", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal(2, runs.Count);
    }

    [Fact]
    public async Task A_grandchild_detached_in_its_own_session_is_killed_when_the_task_ends()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "detach_grandchild");
        var request = _fixture.Request(archive, "task-detach");

        await _fixture.Spawner.SpawnAsync(request, CancellationToken.None);

        var pids = await TaskProcesses.WaitForPidsAsync(request);
        await TaskProcesses.AssertExitedAsync(pids, Promptly);
        Assert.Empty(TaskProcesses.WithEnvironmentEntry(TaskProcessReaper.PlatformVariable, _fixture.PlatformId));
    }

    [Fact]
    public async Task A_grandchild_detached_in_its_own_session_is_killed_when_the_spawner_is_disposed()
    {
        await using var fixture = new SpawnerFixture(UseProcessClass);
        var archive = PythonFunctions.Archive(fixture.Root, "detach_and_sleep");
        var request = fixture.Request(archive, "task-detach-dispose");
        var run = fixture.Spawner.SpawnAsync(request, CancellationToken.None);
        var pids = await TaskProcesses.WaitForPidsAsync(request, run);
        Assert.All(pids, pid => Assert.True(TaskProcesses.IsRunning(pid)));

        var disposing = Stopwatch.StartNew();
        await fixture.Spawner.DisposeAsync();

        Assert.True(disposing.Elapsed < Promptly, $"DisposeAsync took {disposing.Elapsed}");
        var error = await Assert.ThrowsAsync<ExecutionException>(() => run);
        Assert.Contains("disposed while task task-detach-dispose was running", error.Message);
        await TaskProcesses.AssertExitedAsync(pids, Promptly);
        Assert.Empty(TaskProcesses.WithEnvironmentEntry(TaskProcessReaper.PlatformVariable, fixture.PlatformId));
    }

    [Fact]
    public async Task The_task_ends_when_its_function_exits_even_if_a_child_holds_its_output_open()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "hold_pipes");
        var request = _fixture.Request(archive, "task-hold-pipes");

        await _fixture.Spawner.SpawnAsync(request, CancellationToken.None);

        var ended = DateTimeOffset.UtcNow;
        var functionExit = ModelValueAsTime(Path.Combine(request.TaskDirectory, "outputs", "out-model"));
        Assert.True(ended - functionExit < Promptly, $"the task ended {ended - functionExit} after its function exited");
        Assert.Contains("leaving", _fixture.Log.ToString());
        var pids = await TaskProcesses.WaitForPidsAsync(request);
        await TaskProcesses.AssertExitedAsync(pids, Promptly);
    }

    [Fact]
    public async Task A_timeout_fails_the_task_within_two_seconds_of_the_deadline_even_with_a_child_holding_its_output()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "sleep_with_pipe_holder");
        var request = _fixture.Request(archive, "task-timeout-pipes", timeout: TimeSpan.FromSeconds(1));
        var spawning = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ExecutionException>(() => _fixture.Spawner.SpawnAsync(request, CancellationToken.None));

        Assert.True(spawning.Elapsed < TimeSpan.FromSeconds(1) + Promptly, $"the 1 s timeout took effect after {spawning.Elapsed}");
        Assert.Contains("exceeded its timeout of 00:00:01", error.Message);
        var pids = await TaskProcesses.WaitForPidsAsync(request);
        await TaskProcesses.AssertExitedAsync(pids, Promptly);
        Assert.Empty(TaskProcesses.WithEnvironmentEntry(TaskProcessReaper.PlatformVariable, _fixture.PlatformId));
    }

    [Fact]
    public async Task Cancel_takes_effect_within_two_seconds_even_with_a_child_holding_the_output()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "sleep_with_pipe_holder");
        var request = _fixture.Request(archive, "task-cancel-pipes");
        using var cancellation = new CancellationTokenSource();
        var run = _fixture.Spawner.SpawnAsync(request, cancellation.Token);
        var pids = await TaskProcesses.WaitForPidsAsync(request, run);

        var canceling = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.True(canceling.Elapsed < Promptly, $"cancel took effect after {canceling.Elapsed}");
        await TaskProcesses.AssertExitedAsync(pids, Promptly);
        Assert.Empty(TaskProcesses.WithEnvironmentEntry(TaskProcessReaper.PlatformVariable, _fixture.PlatformId));
    }

    [Fact]
    public async Task Dispose_returns_within_two_seconds_even_with_a_child_holding_the_output()
    {
        await using var fixture = new SpawnerFixture(UseProcessClass);
        var archive = PythonFunctions.Archive(fixture.Root, "sleep_with_pipe_holder");
        var request = fixture.Request(archive, "task-dispose-pipes");
        var run = fixture.Spawner.SpawnAsync(request, CancellationToken.None);
        var pids = await TaskProcesses.WaitForPidsAsync(request, run);

        var disposing = Stopwatch.StartNew();
        await fixture.Spawner.DisposeAsync();

        Assert.True(disposing.Elapsed < Promptly, $"DisposeAsync took {disposing.Elapsed}");
        Assert.True(run.IsCompleted, "the task was still running after DisposeAsync returned");
        await Assert.ThrowsAsync<ExecutionException>(() => run);
        await TaskProcesses.AssertExitedAsync(pids, Promptly);
    }

    [Fact]
    public async Task A_task_started_from_a_thread_that_ends_keeps_running()
    {
        // The death signal follows the thread that forked the process: a spawner starting it from the caller's thread
        // would see it killed when that thread ends. The archive is unpacked first, so that nothing delays the start.
        var archive = PythonFunctions.Archive(_fixture.Root, "wait_for_release");
        var warm = _fixture.Request(archive, "task-warm");
        File.WriteAllText(Path.Combine(warm.TaskDirectory, "outputs", "release"), "");
        await _fixture.Spawner.SpawnAsync(warm, CancellationToken.None);
        var request = _fixture.Request(archive, "task-thread");
        Task? run = null;
        var caller = new Thread(() => run = _fixture.Spawner.SpawnAsync(request, CancellationToken.None));

        caller.Start();
        caller.Join();
        var pids = await TaskProcesses.WaitForPidsAsync(request, run);
        Assert.True(TaskProcesses.IsRunning(pids[0]));
        File.WriteAllText(Path.Combine(request.TaskDirectory, "outputs", "release"), "");

        await run!;
        Assert.True(File.Exists(Path.Combine(request.TaskDirectory, "outputs", "out-model")));
    }

    [Fact]
    public async Task A_pipe_holder_that_erased_its_markers_delays_the_task_by_a_short_grace_only()
    {
        // Out of the group and without its environment, nothing tells it belongs to the task: the output is then given
        // up on after a short grace instead of waited for.
        var archive = PythonFunctions.Archive(_fixture.Root, "hold_pipes_without_markers");
        var request = _fixture.Request(archive, "task-no-markers");
        try
        {
            await _fixture.Spawner.SpawnAsync(request, CancellationToken.None);

            var ended = DateTimeOffset.UtcNow;
            var functionExit = ModelValueAsTime(Path.Combine(request.TaskDirectory, "outputs", "out-model"));
            Assert.True(ended - functionExit < Promptly, $"the task ended {ended - functionExit} after its function exited");
        }
        finally
        {
            var pidFile = Path.Combine(request.TaskDirectory, "outputs", "pids");
            foreach (var pid in File.Exists(pidFile) ? File.ReadAllText(pidFile).Split(' ').Skip(1).Select(int.Parse) : [])
            {
                TaskProcesses.KillIfRunning(pid, "/bin/sleep");
            }
        }
    }

    [Fact]
    public void A_platform_id_that_cannot_be_an_environment_value_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SubprocessSpawner(new SubprocessSpawnerOptions { PlatformId = "bad\0id" }));

        Assert.Contains("PlatformId must be a non-empty string without NUL characters", error.Message);
        Assert.Throws<ArgumentException>(() => new SubprocessSpawner(new SubprocessSpawnerOptions { PlatformId = "" }));
    }

    [Fact]
    public async Task Spawners_without_a_platform_id_get_distinct_random_ones()
    {
        await using var first = new SubprocessSpawner();
        await using var second = new SubprocessSpawner();
        await using var given = new SubprocessSpawner(new SubprocessSpawnerOptions { PlatformId = "workspace-1" });

        Assert.NotEqual(first.PlatformId, second.PlatformId);
        Assert.Matches("^[0-9a-f]{32}$", first.PlatformId);
        Assert.Equal("workspace-1", given.PlatformId);
    }

    private static DateTimeOffset ModelValueAsTime(string modelFile)
    {
        using var model = JsonDocument.Parse(File.ReadAllText(modelFile));
        var seconds = model.RootElement.GetProperty("value").GetDouble();
        return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
    }
}

/// <summary>The lifetime guarantees with the native launcher (posix_spawn, pidfds, one monitor thread).</summary>
public sealed class NativeLauncherLifetimeTests() : TaskProcessLifetimeTests(useProcessClass: false);

/// <summary>The lifetime guarantees with the Process-class launcher (setpriv and setsid wrappers).</summary>
public sealed class ProcessClassLauncherLifetimeTests() : TaskProcessLifetimeTests(useProcessClass: true);

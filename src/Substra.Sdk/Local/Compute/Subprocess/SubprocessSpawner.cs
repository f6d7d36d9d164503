using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Substra.Sdk.Local.Compute.Archives;
using Substra.Sdk.Local.Compute.Subprocess.Launch;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// Runs tasks as processes on this machine: the archive is unpacked once per checksum, its Dockerfile's exec-form
/// ENTRYPOINT is run without a shell with <c>@arguments.txt</c>, in the unpacked folder, with the data samples shown
/// read-only (<see cref="DataSampleGuard"/>).
/// No process outlives its task: each task process carries its platform and run ids in its environment (inherited by
/// its children), leads its own process group, dies with this process, and when the task ends (exit, timeout, cancel,
/// disposal) every process of its run is killed.
/// </summary>
internal sealed class SubprocessSpawner : ITaskSpawner
{
    // After the function exited or was killed, its output is read this much longer at most: a process that escaped the
    // kill (it cleared its environment) may hold the pipes open forever.
    private static readonly TimeSpan OutputGrace = TimeSpan.FromMilliseconds(500);

    // SIGKILL is immediate but for a process in uninterruptible sleep.
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan DisposeWait = TimeSpan.FromMilliseconds(1500);

    private readonly SubprocessSpawnerOptions _options;
    private readonly ILogger _logger;
    private readonly UnpackedFunctionCache _functions;
    private readonly ChildProcessRegistry _runs = new();
    private readonly Lazy<ITaskProcessLauncher> _launcher;
    private readonly EndedRunSweeper _sweeper = new();
    private readonly DataSampleGuard _dataSamples;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DockerfileEntrypoint Entrypoint, EntrypointCommand Command)> _commands =
        new(StringComparer.Ordinal);

    private int _warnedNoDeathSignal;

    public SubprocessSpawner(SubprocessSpawnerOptions? options = null, ILogger<SubprocessSpawner>? logger = null)
    {
        _options = options ?? new SubprocessSpawnerOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        PlatformId = _options.PlatformId ?? Guid.NewGuid().ToString("N");
        TaskProcessReaper.Validate(PlatformId, nameof(SubprocessSpawnerOptions.PlatformId));
        _functions = new UnpackedFunctionCache(Path.Combine(_options.WorkspaceDirectory, "functions"), _options.ArchiveLimits ?? ArchiveLimits.Default);
        _dataSamples = new DataSampleGuard(_options.DataSamples, _options.WorkspaceDirectory, _logger);
        // Made with the first task: a spawner that runs none starts no thread.
        _launcher = new(() => (_options.UseProcessClass ? null : NativeTaskLauncher.TryCreate(_logger)) ?? (ITaskProcessLauncher)new ProcessClassLauncher());
    }

    /// <summary>
    /// The id every task process of this spawner carries (<see cref="TaskProcessReaper.PlatformVariable"/>), for
    /// <see cref="TaskProcessReaper.KillPlatform"/>.
    /// </summary>
    public string PlatformId { get; }

    /// <inheritdoc />
    public async Task SpawnAsync(SpawnRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();

        var functionDirectory = await _functions.GetOrUnpackAsync(request.ArchivePath, request.ArchiveChecksum, cancellationToken).ConfigureAwait(false);
        // An unpacked folder never changes: its Dockerfile is read once.
        if (!_commands.TryGetValue(functionDirectory, out var resolved))
        {
            var read = DockerfileEntrypoint.Read(functionDirectory);
            resolved = _commands.GetOrAdd(functionDirectory, (read, EntrypointCommand.Resolve(read, functionDirectory, _options)));
        }

        var (entrypoint, command) = resolved;

        var taskDirectory = Path.GetFullPath(request.TaskDirectory);
        var volumes = new TaskVolumes(Path.Combine(taskDirectory, "inputs"), Path.Combine(taskDirectory, "outputs"), Path.Combine(taskDirectory, "cli-args"));
        Directory.CreateDirectory(volumes.Inputs);
        Directory.CreateDirectory(volumes.Outputs);
        Directory.CreateDirectory(volumes.CliArgs);
        var argumentsFile = TaskArgumentsFile.Write(volumes.CliArgs, request, entrypoint.FunctionName, volumes);

        var runId = Guid.NewGuid().ToString("N");
        var environment = TaskEnvironment.ForTask(PlatformId, runId, _options.PythonInterpreter);
        WarnOnceWithoutDeathSignal();
        // posix_spawn and the wrappers need the program's path; finding it here also says what is missing, as Process.Start
        // would. On Windows Process.Start finds it (with the PATHEXT extensions).
        var program = OperatingSystem.IsWindows() ? command.Program
            : ExecutableSearch.Find(command.Program, environment.GetValueOrDefault("PATH"))
              ?? throw CannotStart(request, command.Program, "it was not found or is not executable", null);

        var (guarded, arguments) = _dataSamples.Prepare(taskDirectory, request.DataSamples, program, [.. command.Arguments, "@" + argumentsFile]);
        if (!ReferenceEquals(guarded, program))
        {
            // The mount namespace's wrapper (unshare).
            guarded = ExecutableSearch.Find(guarded, environment.GetValueOrDefault("PATH")) ?? throw CannotStart(request, guarded, "it was not found or is not executable", null);
        }

        await RunAsync(request, new TaskLaunch(guarded, arguments, functionDirectory, environment, runId), cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(SpawnRequest request, TaskLaunch launch, CancellationToken cancellationToken)
    {
        var log = new TaskOutputLog(request.LogWriter);
        ITaskProcess process;
        try
        {
            process = await _launcher.Value.StartAsync(launch, log).ConfigureAwait(false);
        }
        catch (TaskLaunchException e)
        {
            throw CannotStart(request, launch.Program, e.Message, e);
        }

        using var owned = process;
        var run = new TaskRun(launch.RunId, process);
        if (!_runs.TryAdd(run))
        {
            run.MarkEnded();
            throw new ObjectDisposedException(nameof(SubprocessSpawner), "The spawner was disposed while the task was starting.");
        }

        _logger.LogDebug("Task {TaskKey}: started process {ProcessId} (run {RunId}): {Program} {Arguments}", request.TaskKey, process.Id, launch.RunId,
            launch.Program, string.Join(' ', launch.Arguments));
        var killed = false;
        try
        {
            using var timeout = new CancellationTokenSource();
            if (request.Timeout is { } limit)
            {
                timeout.CancelAfter(limit);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var stopped = false;
            var exitCode = 0;
            try
            {
                // Not the output's end: a child holding the pipes would keep the task running.
                exitCode = await process.Exited.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                stopped = true;
            }
            catch (TaskLaunchException e)
            {
                throw new ExecutionException($"Task {request.TaskKey}: {e.Message}", inner: e);
            }

            if (stopped)
            {
                run.KillAll();
                killed = true;
                await CompletesWithinAsync(process.Exited, KillGrace).ConfigureAwait(false);
            }
            else
            {
                run.KillProcessGroup();
                killed = true;
                // The scan reads every process's environment (about a millisecond per hundred processes): after the task,
                // not on its path, shared with the runs that end about the same time.
                _sweeper.Sweep(launch.RunId);
            }

            await DrainAsync(process, log).ConfigureAwait(false);

            if (stopped)
            {
                if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new ExecutionException(
                        $"Task {request.TaskKey} exceeded its timeout of {request.Timeout} and was killed with its child processes.");
                }

                _logger.LogInformation("Task {TaskKey}: process {ProcessId} killed (canceled).", request.TaskKey, process.Id);
                throw new OperationCanceledException($"Task {request.TaskKey} was canceled; its process was killed.", cancellationToken);
            }

            if (run.KilledByDisposal)
            {
                throw new ExecutionException(
                    $"The subprocess spawner was disposed while task {request.TaskKey} was running: its processes were killed.", exitCode);
            }

            if (exitCode != 0)
            {
                throw new ExecutionException(
                    $"The function of task {request.TaskKey} exited with code {exitCode}; its standard output and error are in the task's logs.",
                    exitCode);
            }
        }
        finally
        {
            if (!killed)
            {
                run.KillAll();
            }

            log.Close();
            _runs.Remove(run);
            run.MarkEnded();
        }
    }

    /// <summary>Reads what the pipes still hold; gives up after a short grace, as whoever still holds them may never let go.</summary>
    private static async Task DrainAsync(ITaskProcess process, TaskOutputLog log)
    {
        if (!await CompletesWithinAsync(process.OutputEnded, OutputGrace).ConfigureAwait(false))
        {
            process.StopReading();
            await CompletesWithinAsync(process.OutputEnded, OutputGrace).ConfigureAwait(false);
        }

        log.Close();
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception) when (task.IsCompleted)
        {
            // Ended all the same (an exit that could not be read): nothing more to wait for.
            return true;
        }
    }

    private static BuildException CannotStart(SpawnRequest request, string program, string reason, Exception? inner) => new(
        $"Could not start '{program}' for task {request.TaskKey}: {reason}. " +
        $"For Python functions set the interpreter with the PythonInterpreter option or the {SubprocessSpawnerOptions.PythonEnvironmentVariable} " +
        "environment variable; for .NET functions make sure the dotnet host is installed (DOTNET_HOST_PATH or dotnet on the PATH).",
        inner: inner);

    private void WarnOnceWithoutDeathSignal()
    {
        if (_launcher.Value is ProcessClassLauncher { DiesWithHost: false } && !OperatingSystem.IsWindows() && Interlocked.Exchange(ref _warnedNoDeathSignal, 1) == 0)
        {
            _logger.LogWarning(
                "setpriv (util-linux 2.33 or later) is not on the PATH: task processes will not die with this process if it is killed; " +
                "reopening the workspace kills them (TaskProcessReaper.KillPlatform). Install util-linux to have them die at once.");
        }
    }

    /// <summary>Kills every process of the running tasks (within about two seconds the tasks have ended) and starts no more.</summary>
    public async ValueTask DisposeAsync()
    {
        var runs = _runs.Close();
        if (!await CompletesWithinAsync(Task.WhenAll(runs.Select(run => run.Ended)), DisposeWait).ConfigureAwait(false))
        {
            _logger.LogWarning("{Count} task runs had not ended {Wait} after their processes were killed.", runs.Count, DisposeWait);
        }

        _sweeper.Dispose();
        if (_launcher.IsValueCreated)
        {
            // After the runs: the native launcher's watchdog then has nothing listed and exits at once.
            _launcher.Value.Dispose();
        }
    }
}

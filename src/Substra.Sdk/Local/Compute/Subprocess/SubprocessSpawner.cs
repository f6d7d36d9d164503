using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Substra.Sdk.Local.Compute.Archives;

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

    private static int _warnedNoDeathSignal;

    private readonly SubprocessSpawnerOptions _options;
    private readonly ILogger _logger;
    private readonly UnpackedFunctionCache _functions;
    private readonly ChildProcessRegistry _runs = new();
    private readonly ProcessStartThread _starter = new();
    private readonly EndedRunSweeper _sweeper = new();
    private readonly DataSampleGuard _dataSamples;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DockerfileEntrypoint Entrypoint, EntrypointCommand Command)> _commands =
        new(StringComparer.Ordinal);

    public SubprocessSpawner(SubprocessSpawnerOptions? options = null, ILogger<SubprocessSpawner>? logger = null)
    {
        _options = options ?? new SubprocessSpawnerOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        PlatformId = _options.PlatformId ?? Guid.NewGuid().ToString("N");
        TaskProcessReaper.Validate(PlatformId, nameof(SubprocessSpawnerOptions.PlatformId));
        _functions = new UnpackedFunctionCache(Path.Combine(_options.WorkspaceDirectory, "functions"), _options.ArchiveLimits ?? ArchiveLimits.Default);
        _dataSamples = new DataSampleGuard(_options.DataSamples, _options.WorkspaceDirectory, _logger);
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
        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = functionDirectory,
        };
        TaskEnvironment.RemoveSecrets(startInfo.Environment);
        startInfo.Environment[TaskProcessReaper.PlatformVariable] = PlatformId;
        startInfo.Environment[TaskProcessReaper.RunVariable] = runId;
        if (_options.PythonInterpreter is { Length: > 0 } python)
        {
            // A .NET function that reads a Python opener runs it with the same interpreter as Python functions.
            startInfo.Environment[SubprocessSpawnerOptions.PythonEnvironmentVariable] = python;
        }

        var wrapper = TaskProcessWrapper.ForThisMachine;
        WarnOnceWithoutDeathSignal(wrapper);
        var program = command.Program;
        if (wrapper.DiesWithHost || wrapper.OwnProcessGroup)
        {
            // The wrapper would start and then fail to exec: say it here, as Process.Start would.
            program = ExecutableSearch.Find(command.Program, startInfo.Environment.TryGetValue("PATH", out var path) ? path : null)
                ?? throw CannotStart(request, command.Program, "it was not found or is not executable", null);
        }

        var (guarded, arguments) = _dataSamples.Prepare(taskDirectory, request.DataSamples, program, [.. command.Arguments, "@" + argumentsFile]);
        wrapper.Apply(startInfo, guarded, arguments);
        await RunAsync(request, startInfo, runId, wrapper.OwnProcessGroup, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(SpawnRequest request, ProcessStartInfo startInfo, string runId, bool ownProcessGroup, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = startInfo };
        try
        {
            await _starter.StartAsync(process).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw CannotStart(request, startInfo.FileName, e.Message, e);
        }

        var run = new TaskRun(runId, process, ownProcessGroup);
        if (!_runs.TryAdd(run))
        {
            run.MarkEnded();
            throw new ObjectDisposedException(nameof(SubprocessSpawner), "The spawner was disposed while the task was starting.");
        }

        _logger.LogDebug("Task {TaskKey}: started process {ProcessId} (run {RunId}): {Program} {Arguments}", request.TaskKey, process.Id, runId,
            startInfo.FileName, string.Join(' ', startInfo.ArgumentList));
        var log = new TaskOutputLog(request.LogWriter);
        using var stopReading = new CancellationTokenSource();
        var readers = Task.WhenAll(log.PumpAsync(process.StandardOutput, stopReading.Token), log.PumpAsync(process.StandardError, stopReading.Token));
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
            try
            {
                // Not the output's end: a child holding the pipes would keep the task running.
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                stopped = true;
            }

            if (stopped)
            {
                run.KillAll();
                killed = true;
                await CompletesWithinAsync(process.WaitForExitAsync(CancellationToken.None), KillGrace).ConfigureAwait(false);
            }
            else
            {
                run.KillProcessGroup();
                killed = true;
                // The scan reads every process's environment (about a millisecond per hundred processes): after the task,
                // not on its path, shared with the runs that end about the same time.
                _sweeper.Sweep(runId);
            }

            await DrainAsync(readers, stopReading, log).ConfigureAwait(false);

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
                    $"The subprocess spawner was disposed while task {request.TaskKey} was running: its processes were killed.", process.ExitCode);
            }

            if (process.ExitCode != 0)
            {
                throw new ExecutionException(
                    $"The function of task {request.TaskKey} exited with code {process.ExitCode}; its standard output and error are in the task's logs.",
                    process.ExitCode);
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
    private static async Task DrainAsync(Task readers, CancellationTokenSource stopReading, TaskOutputLog log)
    {
        if (!await CompletesWithinAsync(readers, OutputGrace).ConfigureAwait(false))
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await CompletesWithinAsync(readers, OutputGrace).ConfigureAwait(false);
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
    }

    private static BuildException CannotStart(SpawnRequest request, string program, string reason, Exception? inner) => new(
        $"Could not start '{program}' for task {request.TaskKey}: {reason}. " +
        $"For Python functions set the interpreter with the PythonInterpreter option or the {SubprocessSpawnerOptions.PythonEnvironmentVariable} " +
        "environment variable; for .NET functions make sure the dotnet host is installed (DOTNET_HOST_PATH or dotnet on the PATH).",
        inner: inner);

    private void WarnOnceWithoutDeathSignal(TaskProcessWrapper wrapper)
    {
        if (!wrapper.DiesWithHost && !OperatingSystem.IsWindows() && Interlocked.Exchange(ref _warnedNoDeathSignal, 1) == 0)
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
        _starter.Dispose();
        if (!await CompletesWithinAsync(Task.WhenAll(runs.Select(run => run.Ended)), DisposeWait).ConfigureAwait(false))
        {
            _logger.LogWarning("{Count} task runs had not ended {Wait} after their processes were killed.", runs.Count, DisposeWait);
        }

        _sweeper.Dispose();
    }
}

using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// Runs tasks as processes on this machine: the archive is unpacked once per checksum, its Dockerfile's exec-form
/// ENTRYPOINT is run without a shell with <c>@arguments.txt</c>, in the unpacked folder, with the data samples shown
/// read-only (<see cref="DataSampleGuard"/>).
/// </summary>
public sealed class SubprocessSpawner : ITaskSpawner
{
    /// <summary>The name of the arguments file in the task's <c>cli-args/</c> folder.</summary>
    public const string ArgumentsFileName = "arguments.txt";

    private readonly SubprocessSpawnerOptions _options;
    private readonly ILogger _logger;
    private readonly UnpackedFunctionCache _functions;
    private readonly ChildProcessRegistry _children = new();
    private readonly DataSampleGuard _dataSamples;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DockerfileEntrypoint Entrypoint, EntrypointCommand Command)> _commands =
        new(StringComparer.Ordinal);

    public SubprocessSpawner(SubprocessSpawnerOptions? options = null, ILogger<SubprocessSpawner>? logger = null)
    {
        _options = options ?? new SubprocessSpawnerOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _functions = new UnpackedFunctionCache(Path.Combine(_options.WorkspaceDirectory, "functions"));
        _dataSamples = new DataSampleGuard(_options.DataSamples, _options.WorkspaceDirectory, _logger);
    }

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
        var inputs = Path.Combine(taskDirectory, "inputs");
        var outputs = Path.Combine(taskDirectory, "outputs");
        var cliArgs = Path.Combine(taskDirectory, "cli-args");
        Directory.CreateDirectory(inputs);
        Directory.CreateDirectory(outputs);
        Directory.CreateDirectory(cliArgs);

        var argumentsFile = Path.Combine(cliArgs, ArgumentsFileName);
        IEnumerable<string> lines = ["--function-name", entrypoint.FunctionName, .. request.Arguments.Select(argument => argument
            .Replace(SpawnRequest.InputsVolume, inputs, StringComparison.Ordinal)
            .Replace(SpawnRequest.OutputsVolume, outputs, StringComparison.Ordinal)
            .Replace(SpawnRequest.CliArgsVolume, cliArgs, StringComparison.Ordinal))];
        await File.WriteAllTextAsync(argumentsFile, string.Join('\n', lines), cancellationToken).ConfigureAwait(false);

        var (program, arguments) = _dataSamples.Prepare(taskDirectory, request.DataSamples, command.Program, [.. command.Arguments, "@" + argumentsFile]);
        var startInfo = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = functionDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        TaskEnvironment.RemoveSecrets(startInfo.Environment);

        await RunAsync(request, startInfo, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(SpawnRequest request, ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = startInfo };
        var writeLock = new object();
        void WriteLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (writeLock)
            {
                request.LogWriter.WriteLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(e.Data);

        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new BuildException(
                $"Could not start '{startInfo.FileName}' for task {request.TaskKey}: {e.Message}. " +
                $"For Python functions set the interpreter with the PythonInterpreter option or the {SubprocessSpawnerOptions.PythonEnvironmentVariable} " +
                "environment variable; for .NET functions make sure the dotnet host is installed (DOTNET_HOST_PATH or dotnet on the PATH).",
                inner: e);
        }

        if (!_children.TryAdd(process))
        {
            throw new ObjectDisposedException(nameof(SubprocessSpawner), "The spawner was disposed while the task was starting.");
        }

        _logger.LogDebug("Task {TaskKey}: started process {ProcessId}: {Program} {Arguments}", request.TaskKey, process.Id, startInfo.FileName,
            string.Join(' ', startInfo.ArgumentList));
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var timeout = new CancellationTokenSource();
            if (request.Timeout is { } limit)
            {
                timeout.CancelAfter(limit);
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                ChildProcessRegistry.Kill(process);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new ExecutionException(
                        $"Task {request.TaskKey} exceeded its timeout of {request.Timeout} and was killed with its child processes.");
                }

                _logger.LogInformation("Task {TaskKey}: process {ProcessId} killed (canceled).", request.TaskKey, process.Id);
                throw new OperationCanceledException($"Task {request.TaskKey} was canceled; its process was killed.", cancellationToken);
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
            _children.Remove(process);
        }
    }

    /// <summary>Kills every running task process (with its children).</summary>
    public ValueTask DisposeAsync()
    {
        _children.Close();
        return ValueTask.CompletedTask;
    }
}

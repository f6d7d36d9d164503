using System.Diagnostics;
using System.Reflection;
using Substra.Sdk.Local.Tests.Infrastructure;

namespace Substra.Sdk.Local.Tests.Platform;

/// <summary>
/// A local platform in a process of its own (tests/fixtures/Substra.Sdk.Fixture.PlatformHost): it prints "ready",
/// then the state changes of its client's tasks; its platform logs to standard error, drained here (a full pipe would
/// block the host) and shown when a wait times out. Disposing kills it if it still runs.
/// </summary>
public sealed class PlatformHostProcess : IAsyncDisposable
{
    // What a failure message shows of the host's log: the end of it, where it stopped.
    private const int ErrorTail = 150;

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Queue<string> _errors = new();
    private readonly SemaphoreSlim _lineAdded = new(0);

    private PlatformHostProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static PlatformHostProcess Start(string workspace, string clientName)
    {
        var host = typeof(PlatformHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "PlatformHostPath").Value!;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var argument in new[] { host, workspace, clientName, SpawnerFixture.Python })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var result = new PlatformHostProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (result._lines)
                {
                    result._lines.Add(line);
                }

                result._lineAdded.Release();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (result._errors)
                {
                    result._errors.Enqueue(line);
                    if (result._errors.Count > ErrorTail)
                    {
                        result._errors.Dequeue();
                    }
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>Waits for a line starting with <paramref name="prefix"/> and returns it.</summary>
    public Task<string> WaitForLineAsync(string prefix, TimeSpan? timeout = null) => WaitForLineUnlessAsync(prefix, [], timeout);

    /// <summary>
    /// Waits for the host to print that task <paramref name="taskKey"/> reached <paramref name="status"/>; fails at once
    /// when it ended otherwise (FAILED or CANCELED), as it will never get there.
    /// </summary>
    public Task<string> WaitForStateAsync(string taskKey, ComputeTaskStatus status, TimeSpan? timeout = null) =>
        WaitForLineUnlessAsync(
            $"state {taskKey} {status}",
            [.. new[] { ComputeTaskStatus.Failed, ComputeTaskStatus.Canceled }.Where(end => end != status).Select(end => $"state {taskKey} {end}")],
            timeout);

    private async Task<string> WaitForLineUnlessAsync(string prefix, IReadOnlyList<string> hopeless, TimeSpan? timeout)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(180);
        while (true)
        {
            string? ended;
            lock (_lines)
            {
                if (_lines.FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal)) is { } found)
                {
                    return found;
                }

                ended = _lines.FirstOrDefault(line => hopeless.Any(end => line.StartsWith(end, StringComparison.Ordinal)));
            }

            if (ended is not null || deadline.Elapsed >= limit || _process.HasExited)
            {
                Assert.Fail($"the platform host (pid {_process.Id}) never printed '{prefix}' "
                    + (ended is not null ? $"(it printed '{ended}' after {deadline.Elapsed})" : $"within {deadline.Elapsed} (exited: {_process.HasExited})")
                    + $"; it printed:\n{string.Join('\n', Lines)}\nthe end of its log (standard error):\n{string.Join('\n', ErrorLines)}");
            }

            await _lineAdded.WaitAsync(TimeSpan.FromMilliseconds(200));
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The last lines of the host's standard error (its platform's log).</summary>
    public IReadOnlyList<string> ErrorLines
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>SIGKILL, as a crash or an OOM kill would do: nothing of the host runs after it.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

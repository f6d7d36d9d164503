using System.Diagnostics;
using System.Globalization;
using Substra.Tools.Tests.Support;

namespace Substra.Tools.Tests.Python;

/// <summary>The bridge never leaves a Python process behind: not when the task is cancelled, not when its process is killed.</summary>
public sealed class PythonOpenerLifetimeTests
{
    /// <summary>A guard against a hung test, not a timing assertion.</summary>
    private static readonly TimeSpan StartGuard = TimeSpan.FromMinutes(1);

    /// <summary>How long a Python process may outlive its task: the bridge's parent watch polls every 0.2 s.</summary>
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Cancelling_the_task_kills_the_python_opener()
    {
        using var task = new BridgeTask("sleeping_opener.py");
        var sample = task.AddSample("s1", "data.csv", "1\n");
        using var process = task.Start("frame");
        var python = await WaitForPidAsync(sample, process);

        Signal("TERM", process.Id);
        var result = await ProcessRunner.WaitAsync(process);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: The task was cancelled (SIGTERM or Ctrl+C).", Assert.Single(result.ErrorLines));
        Assert.True(await ExitsWithinAsync(python, ExitBound), $"The Python process {python} outlived its cancelled task.");
        Assert.Empty(task.BridgeLeftovers());
    }

    [Fact]
    public async Task Killing_the_task_process_ends_the_python_opener()
    {
        using var task = new BridgeTask("sleeping_opener.py");
        var sample = task.AddSample("s1", "data.csv", "1\n");
        using var process = task.Start("frame");
        var python = await WaitForPidAsync(sample, process);

        // SIGKILL of the .NET process only: nothing in it runs, the Python side must notice by itself.
        Signal("KILL", process.Id);
        await process.WaitForExitAsync();

        Assert.True(await ExitsWithinAsync(python, ExitBound), $"The Python process {python} outlived its killed task.");
    }

    private static async Task<int> WaitForPidAsync(string sample, Process process)
    {
        var file = Path.Combine(sample, "opener.pid");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartGuard)
        {
            if (File.Exists(file) && int.TryParse(await File.ReadAllTextAsync(file), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return pid;
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The task exited with {process.ExitCode} before its opener started: {await process.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The sleeping opener did not start.");
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Whether the process is gone (or a zombie waiting to be reaped) within <paramref name="bound"/>.</summary>
    private static async Task<bool> ExitsWithinAsync(int pid, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        do
        {
            var stat = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "stat");
            string text;
            try
            {
                text = await File.ReadAllTextAsync(stat);
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or IOException)
            {
                return true;
            }

            // Fields after the parenthesised command: the state is the first one.
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            if (state is "Z" or "X")
            {
                return true;
            }

            await Task.Delay(50);
        }
        while (watch.Elapsed < bound);
        return false;
    }
}

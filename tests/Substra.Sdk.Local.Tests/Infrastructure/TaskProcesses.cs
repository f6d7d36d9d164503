using System.Diagnostics;
using Substra.Sdk.Local.Compute;

namespace Substra.Sdk.Local.Tests.Infrastructure;

/// <summary>Watches the processes of test functions through <c>/proc</c>: the pids they report, whether they still run.</summary>
internal static class TaskProcesses
{
    /// <summary>
    /// The pids the function wrote to <c>outputs/pids</c> (see functions.py); fails as soon as <paramref name="run"/>
    /// ends first, or after a generous bound.
    /// </summary>
    public static async Task<int[]> WaitForPidsAsync(SpawnRequest request, Task? run = null)
    {
        var pidFile = Path.Combine(request.TaskDirectory, "outputs", "pids");
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(pidFile))
        {
            if (run is { IsCompleted: true })
            {
                await run;
                Assert.Fail("the task ended before its function wrote its pids");
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the function never wrote its pids");
            await Task.Delay(20);
        }

        return File.ReadAllText(pidFile).Split(' ').Select(int.Parse).ToArray();
    }

    /// <summary>Waits until none of <paramref name="pids"/> runs; fails if one still does after <paramref name="within"/>.</summary>
    public static async Task AssertExitedAsync(IEnumerable<int> pids, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var pid in pids)
        {
            while (IsRunning(pid))
            {
                Assert.True(deadline.Elapsed < within, $"process {pid} ({CommandLine(pid)}) is still running {within} later");
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Whether the process runs; a killed process not yet reaped by its parent (a zombie) no longer does.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The process's command line, space-separated; empty when it is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The pids of the processes whose environment holds <c>name=value</c> (read independently of the reaper).</summary>
    public static IReadOnlyList<int> WithEnvironmentEntry(string name, string value)
    {
        var entry = name + "=" + value;
        var found = new List<int>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId || !IsRunning(pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "environ")).Split('\0').Contains(entry))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not readable.
            }
        }

        return found;
    }

    /// <summary>Test cleanup: kills <paramref name="pid"/> if it still runs <paramref name="program"/> (so never a reused pid).</summary>
    public static void KillIfRunning(int pid, string program)
    {
        if (IsRunning(pid) && CommandLine(pid).StartsWith(program, StringComparison.Ordinal))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// The function processes a spawner has running. Disposing the spawner kills them (with their children), and so does
/// the exit of this process, so no task outlives its client.
/// </summary>
internal sealed class ChildProcessRegistry
{
    private static readonly ConcurrentDictionary<ChildProcessRegistry, byte> Live = new();
    private static int _exitHookInstalled;

    private readonly HashSet<Process> _processes = [];
    private bool _closed;

    public ChildProcessRegistry()
    {
        if (Interlocked.Exchange(ref _exitHookInstalled, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var registry in Live.Keys)
                {
                    registry.KillAll();
                }
            };
        }

        Live.TryAdd(this, 0);
    }

    /// <summary>Tracks a started process; false (and the process is killed) when the registry is already closed.</summary>
    public bool TryAdd(Process process)
    {
        lock (_processes)
        {
            if (!_closed)
            {
                _processes.Add(process);
                return true;
            }
        }

        Kill(process);
        return false;
    }

    public void Remove(Process process)
    {
        lock (_processes)
        {
            _processes.Remove(process);
        }
    }

    /// <summary>Kills every tracked process and refuses new ones.</summary>
    public void Close()
    {
        lock (_processes)
        {
            _closed = true;
        }

        KillAll();
        Live.TryRemove(this, out _);
    }

    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited while being killed.
        }
    }

    private void KillAll()
    {
        Process[] processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }

        foreach (var process in processes)
        {
            Kill(process);
        }
    }
}

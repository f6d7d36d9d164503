using System.Collections.Concurrent;
using System.Diagnostics;

namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>
/// One long-lived thread that starts every task process of a spawner. PR_SET_PDEATHSIG fires when the *thread* that
/// forked the child ends, and thread-pool threads retire: a process started from one would be killed at a random time.
/// Disposing ends the thread, which kills (through the death signal) what it started.
/// </summary>
internal sealed class ProcessStartThread : IDisposable
{
    private readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> _requests = new();

    public ProcessStartThread()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "substra-task-process-start" };
        thread.Start();
    }

    /// <summary>Starts <paramref name="process"/> on the thread; throws what <see cref="Process.Start()"/> throws.</summary>
    public Task StartAsync(Process process)
    {
        // The awaiting launcher continues on this thread up to its next await (setting up the output pumps and the exit
        // wait): no thread-pool hop on every task's path, which under load costs a millisecond.
        var started = new TaskCompletionSource();
        try
        {
            _requests.Add((process, started));
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(SubprocessSpawner), "The spawner was disposed: it starts no more tasks.");
        }

        return started.Task;
    }

    private void Run()
    {
        foreach (var (process, started) in _requests.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }

    public void Dispose() => _requests.CompleteAdding();
}

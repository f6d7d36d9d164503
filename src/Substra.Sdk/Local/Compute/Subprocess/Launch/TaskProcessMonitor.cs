using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>
/// One thread that waits, in a single <c>poll</c>, for every running task process's exit (its pidfd) and output (its
/// pipes), writes the output lines to the task logs and reaps the processes. Per task this replaces two output pumps and
/// an exit wait on the thread pool, each a hop per event, with one wake-up of a thread that does nothing else.
/// </summary>
internal sealed class TaskProcessMonitor : IDisposable
{
    private const int ReadBufferSize = 64 * 1024;

    private readonly ConcurrentQueue<NativeTaskProcess> _added = new();
    private readonly List<NativeTaskProcess> _watched = [];
    private readonly Thread _thread;
    private readonly int _wake;
    private readonly byte[] _wakeBytes = BitConverter.GetBytes(1L);
    private readonly Lock _lifetime = new();
    private bool _stopping;
    private bool _stopped;

    public TaskProcessMonitor()
    {
        _wake = Libc.eventfd(0, Libc.CloseOnExec);
        if (_wake < 0)
        {
            throw new TaskLaunchException($"eventfd failed (error {Marshal.GetLastPInvokeError()}).");
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "substra-task-process-monitor" };
        _thread.Start();
    }

    /// <summary>Watches <paramref name="process"/> from now on; false when the monitor has stopped (the caller closes it).</summary>
    public bool Watch(NativeTaskProcess process)
    {
        _added.Enqueue(process);
        return Wake();
    }

    /// <summary>Makes the thread look at its processes again (a new one, a stop or a disposal); false once it has stopped.</summary>
    public bool Wake()
    {
        lock (_lifetime)
        {
            if (_stopped)
            {
                return false;
            }

            Libc.write(_wake, _wakeBytes, _wakeBytes.Length);
            return true;
        }
    }

    /// <summary>Stops the thread; the descriptors of the processes it still watched are closed.</summary>
    public void Dispose()
    {
        lock (_lifetime)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            Libc.write(_wake, _wakeBytes, _wakeBytes.Length);
        }

        _thread.Join();
    }

    // A loop that runs for the platform's whole life: compiled optimised from the start, not at tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        var buffer = new byte[ReadBufferSize];
        var fds = new Libc.PollFd[16];
        var owners = new NativeTaskProcess?[16];
        var count = 0;
        while (true)
        {
            while (_added.TryDequeue(out var process))
            {
                _watched.Add(process);
            }

            lock (_lifetime)
            {
                if (_stopping)
                {
                    _stopped = true;
                    break;
                }
            }

            count = 1;
            fds[0] = new Libc.PollFd { Fd = _wake, Events = Libc.PollIn };
            for (var i = _watched.Count - 1; i >= 0; i--)
            {
                var process = _watched[i];
                if (process.DisposeRequested)
                {
                    process.CloseAll();
                }
                else if (process.StopRequested)
                {
                    process.CloseOutput();
                }

                // Kept until disposed, even once exited and read: the disposal's request to close its pidfd comes here.
                if (process.Pidfd < 0)
                {
                    _watched.RemoveAt(i);
                    continue;
                }

                if (count + 3 > fds.Length)
                {
                    Array.Resize(ref fds, fds.Length * 2);
                    Array.Resize(ref owners, fds.Length);
                }

                if (!process.ExitSeen)
                {
                    Add(process.Pidfd, process);
                }

                if (process.Output >= 0)
                {
                    Add(process.Output, process);
                }

                if (process.Error >= 0)
                {
                    Add(process.Error, process);
                }
            }

            if (Libc.poll(fds, (nuint)count, -1) < 0)
            {
                continue; // EINTR: look again.
            }

            if (fds[0].Returned != 0)
            {
                Libc.read(_wake, buffer, 8);
            }

            for (var i = 1; i < count; i++)
            {
                if (fds[i].Returned == 0)
                {
                    continue;
                }

                var owner = owners[i]!;
                try
                {
                    if (fds[i].Fd == owner.Pidfd)
                    {
                        owner.Reap();
                    }
                    else
                    {
                        owner.ReadAvailable(fds[i].Fd, buffer);
                    }
                }
                catch (Exception e)
                {
                    // A log that cannot be written (a full disk): that task loses its output, and this thread, which every
                    // task needs, goes on.
                    owner.Fail(e);
                }
            }

            Array.Clear(owners, 0, count);
        }

        foreach (var process in _watched)
        {
            process.CloseAll();
        }

        while (_added.TryDequeue(out var late))
        {
            late.CloseAll();
        }

        Libc.close(_wake);

        void Add(int fd, NativeTaskProcess owner)
        {
            fds[count] = new Libc.PollFd { Fd = fd, Events = Libc.PollIn };
            owners[count] = owner;
            count++;
        }
    }
}

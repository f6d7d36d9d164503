using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>
/// Kills the running tasks' processes when this process dies, even killed with SIGKILL: a <c>/bin/sh</c> started once,
/// in its own session and deaf to terminal and termination signals, reads the task groups that are running from a pipe
/// only this process writes. When the pipe reaches its end (this process is gone: the kernel closes its descriptors) the
/// watchdog kills every group still listed, then every process whose environment holds one of their run ids (those that
/// left the group), and exits. A clean disposal unlists every task first, so the watchdog then exits at once.
/// Only what this process listed is touched: never by platform id, which a new host on the same workspace shares.
/// </summary>
internal sealed class HostDeathWatchdog : IDisposable
{
    // "+<group>:<run>" lists a task, "-<group>" unlists it.
    private static readonly string Script = $$"""
        trap '' HUP INT QUIT TERM PIPE TSTP TTIN TTOU
        live=''
        while IFS= read -r line; do
          case $line in
            +*) live="$live ${line#+}" ;;
            -*) kept=''; for entry in $live; do [ "${entry%%:*}" = "${line#-}" ] || kept="$kept $entry"; done; live=$kept ;;
          esac
        done
        [ -z "$live" ] && exit 0
        markers=''
        for entry in $live; do
          kill -KILL -- "-${entry%%:*}" 2>/dev/null
          markers="$markers${markers:+
        }{{TaskProcessReaper.RunVariable}}=${entry#*:}"
        done
        # One grep for every environment where GNU grep reads NUL-separated records; else one tr and grep per process.
        if printf 'x\0' | grep -qxzF x 2>/dev/null; then fast=1; else fast=''; fi
        for pass in 1 2; do
          if [ -n "$fast" ]; then
            found=$(grep -lsxzF "$markers" /proc/[0-9]*/environ)
          else
            found=''
            for environ in /proc/[0-9]*/environ; do
              if tr '\0' '\n' < "$environ" 2>/dev/null | grep -qxF "$markers"; then found="$found $environ"; fi
            done
          fi
          for environ in $found; do
            pid=${environ#/proc/}; kill -KILL "${pid%/environ}" 2>/dev/null
          done
        done
        """;

    private static readonly SearchValues<char> RunIdCharacters =
        SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-");

    private readonly Lock _gate = new();
    private readonly NativeTaskProcess _process;
    private readonly ILogger _logger;
    private int _pipe;
    private bool _broken;

    private HostDeathWatchdog(NativeTaskProcess process, int pipe, ILogger logger)
    {
        _process = process;
        _pipe = pipe;
        _logger = logger;
    }

    public static HostDeathWatchdog Start(TaskProcessMonitor monitor, ILogger logger)
    {
        var (read, write) = PosixSpawn.Pipe();
        int pid;
        try
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } path ? path : "/usr/bin:/bin",
                ["LC_ALL"] = "C",
            };
            pid = PosixSpawn.Start("/bin/sh", ["-c", Script], environment, "/", read, -1, -1);
        }
        catch
        {
            Libc.close(write);
            throw;
        }
        finally
        {
            Libc.close(read);
        }

        var pidfd = Libc.OpenPidfd(pid);
        var process = new NativeTaskProcess(monitor, pid, pidfd, -1, -1, log: null);
        if (pidfd < 0 || !monitor.Watch(process))
        {
            Libc.close(write);
            process.Dispose();
            throw new TaskLaunchException($"The watchdog process {pid} could not be watched (pidfd_open error {Marshal.GetLastPInvokeError()}).");
        }

        return new HostDeathWatchdog(process, write, logger);
    }

    /// <summary>The watchdog's own process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Lists a task's group (the pid of its leader) and run id (letters, digits and dashes: the script splits on the others).</summary>
    public void Track(int group, string runId)
    {
        if (runId.Length == 0 || runId.AsSpan().ContainsAnyExcept(RunIdCharacters))
        {
            throw new ArgumentException($"A run id for the watchdog is letters, digits and dashes, got '{runId}'.", nameof(runId));
        }

        Send($"+{group}:{runId}\n");
    }

    /// <summary>Unlists a task whose group has been killed.</summary>
    public void Untrack(int group) => Send($"-{group}\n");

    /// <summary>Closes the pipe: the watchdog kills what is still listed (nothing after a clean disposal) and exits.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_pipe >= 0)
            {
                Libc.close(_pipe);
                _pipe = -1;
            }
        }

        // It exits at once when nothing is listed; then it is reaped rather than left a zombie until this process ends.
        try
        {
            _process.Exited.Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // Its exit could not be read: nothing more to wait for.
        }

        _process.Dispose();
    }

    private void Send(string line)
    {
        var bytes = Encoding.ASCII.GetBytes(line);
        lock (_gate)
        {
            if (_pipe < 0 || _broken)
            {
                return;
            }

            var written = 0;
            while (written < bytes.Length)
            {
                var count = Libc.write(_pipe, written == 0 ? bytes : bytes[written..], bytes.Length - written);
                if (count < 0 && Marshal.GetLastPInvokeError() == Libc.Interrupted)
                {
                    continue;
                }

                if (count <= 0)
                {
                    _broken = true;
                    _logger.LogWarning(
                        "The watchdog process {ProcessId} that kills task processes if this process dies has gone (error {Error}); until the workspace is " +
                        "reopened (which kills what a dead host left), task processes may outlive this process.", _process.Id, Marshal.GetLastPInvokeError());
                    return;
                }

                written += (int)count;
            }
        }
    }
}

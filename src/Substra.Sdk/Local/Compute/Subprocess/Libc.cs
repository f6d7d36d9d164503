using System.Runtime.InteropServices;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// The libc calls of the subprocess spawner, in one place: <c>kill</c> and <c>/proc</c> reads for the reaper, and what
/// the native launcher needs: <c>posix_spawn</c> (a vfork and one exec, with the new session made by
/// the C library instead of a <c>setsid</c> program), pipes, <c>poll</c>, and process file descriptors (a pidfd names
/// one process for good: waiting on it or signalling it can never reach a later process that reused the pid).
/// </summary>
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project; these calls marshal plain arrays and strings.
internal static class Libc
{
    public const int CloseOnExec = 0x80000; // O_CLOEXEC (also EFD_CLOEXEC)
    public const int WriteOnly = 1; // O_WRONLY
    public const short SpawnSetSignalDefaults = 0x04; // POSIX_SPAWN_SETSIGDEF
    public const short SpawnSetSignalMask = 0x08; // POSIX_SPAWN_SETSIGMASK
    public const short SpawnSetSid = 0x80; // POSIX_SPAWN_SETSID (glibc 2.26, musl 1.1.24)
    public const short PollIn = 0x01;
    public const int Interrupted = 4; // EINTR
    public const int NoSuchProcess = 3; // ESRCH
    public const int NoChild = 10; // ECHILD
    public const int SigKill = 9;

    // The same numbers on every Linux architecture (syscalls added after 5.0 share one table).
    private const nint PidfdOpenCall = 434;
    private const nint PidfdSendSignalCall = 424;
    private const int IdTypePidfd = 3; // P_PIDFD
    private const int WaitExited = 4; // WEXITED
    private const int WaitNoHang = 1; // WNOHANG
    private const int InvalidArgument = 22; // EINVAL

    // siginfo_t on 64-bit Linux: si_code at 8, then the SIGCHLD fields si_pid at 16 and si_status at 24.
    private const int SignalInfoSize = 128;
    private const int ExitedNormally = 1; // CLD_EXITED

    /// <summary>
    /// Reaps the process <paramref name="pidfd"/> names (it has exited: its pidfd polled readable). Returns the exit code
    /// as <see cref="System.Diagnostics.Process.ExitCode"/> gives it (128 + the signal for a killed process), or null
    /// with <paramref name="error"/> when it could not be reaped.
    /// </summary>
    public static int? Reap(int pidfd, out int error)
    {
        var info = new byte[SignalInfoSize];
        while (true)
        {
            if (waitid(IdTypePidfd, pidfd, info, WaitExited) == 0)
            {
                error = 0;
                var code = BitConverter.ToInt32(info, 8);
                var status = BitConverter.ToInt32(info, 24);
                return code == ExitedNormally ? status : 128 + status;
            }

            error = Marshal.GetLastPInvokeError();
            if (error != Interrupted)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Whether <c>waitid</c> takes pidfds (Linux 5.4; <c>pidfd_open</c> came in 5.3): asked about this process's own
    /// pidfd, which is no child of ours, it answers ECHILD where it does and EINVAL where it does not.
    /// </summary>
    public static bool WaitTakesPidfds(int ownPidfd)
    {
        var info = new byte[SignalInfoSize];
        return waitid(IdTypePidfd, ownPidfd, info, WaitExited | WaitNoHang) == 0 || Marshal.GetLastPInvokeError() != InvalidArgument;
    }

    /// <summary>A pidfd for the child <paramref name="pid"/> (close-on-exec), or -1.</summary>
    public static int OpenPidfd(int pid) => (int)syscall(PidfdOpenCall, pid, 0, 0, 0);

    /// <summary>SIGKILL through a pidfd: 0, or -1 (ESRCH once the process has exited).</summary>
    public static int KillThroughPidfd(int pidfd) => (int)syscall(PidfdSendSignalCall, pidfd, SigKill, 0, 0);

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Returned;
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int posix_spawn(out int pid, string path, IntPtr fileActions, IntPtr attributes, string?[] argv, string?[] envp);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_init(IntPtr fileActions);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_destroy(IntPtr fileActions);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_adddup2(IntPtr fileActions, int fd, int newFd);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_addopen(IntPtr fileActions, int fd, string path, int flags, int mode);

    [DllImport("libc")]
    public static extern int posix_spawn_file_actions_addchdir_np(IntPtr fileActions, string path);

    [DllImport("libc")]
    public static extern int posix_spawnattr_init(IntPtr attributes);

    [DllImport("libc")]
    public static extern int posix_spawnattr_destroy(IntPtr attributes);

    [DllImport("libc")]
    public static extern int posix_spawnattr_setflags(IntPtr attributes, short flags);

    [DllImport("libc")]
    public static extern int posix_spawnattr_setsigdefault(IntPtr attributes, IntPtr signals);

    [DllImport("libc")]
    public static extern int posix_spawnattr_setsigmask(IntPtr attributes, IntPtr signals);

    [DllImport("libc")]
    public static extern int sigfillset(IntPtr signals);

    [DllImport("libc")]
    public static extern int sigemptyset(IntPtr signals);

    [DllImport("libc", SetLastError = true)]
    public static extern int pipe2(int[] fds, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int eventfd(uint initialValue, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int open(string path, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern nint read(int fd, byte[] buffer, nint count);

    /// <summary>Reads into <paramref name="buffer"/> from the element given (a slice of an array).</summary>
    [DllImport("libc", SetLastError = true)]
    public static extern nint read(int fd, ref byte buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int signal);

    [DllImport("libc", SetLastError = true)]
    public static extern nint write(int fd, byte[] buffer, nint count);

    [DllImport("libc")]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int poll([In, Out] PollFd[] fds, nuint count, int timeoutMilliseconds);

    [DllImport("libc", SetLastError = true)]
    private static extern int waitid(int idType, int id, byte[] info, int options);

    // Variadic in C: every argument is passed as a full register.
    [DllImport("libc", SetLastError = true)]
    private static extern nint syscall(nint number, nint argument1, nint argument2, nint argument3, nint argument4);
}
#pragma warning restore SYSLIB1054

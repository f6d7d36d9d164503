using System.Runtime.InteropServices;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>SIGKILL to one process or a whole process group (libc <c>kill</c>; a no-op on Windows).</summary>
internal static class ProcessSignals
{
    private const int SigKill = 9;

    /// <summary>Kills the process; false when there was none (or it could not be signalled).</summary>
    public static bool Kill(int pid) => pid > 0 && !OperatingSystem.IsWindows() && kill(pid, SigKill) == 0;

    /// <summary>Kills every member of the process group <paramref name="groupId"/>; false when the group has no member left.</summary>
    public static bool KillGroup(int groupId) => groupId > 1 && !OperatingSystem.IsWindows() && kill(-groupId, SigKill) == 0;

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for a single call.
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}

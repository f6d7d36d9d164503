namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>SIGKILL to one process or a whole process group (libc <c>kill</c>; a no-op on Windows).</summary>
internal static class ProcessSignals
{
    /// <summary>Kills the process; false when there was none (or it could not be signalled).</summary>
    public static bool Kill(int pid) => pid > 0 && !OperatingSystem.IsWindows() && Libc.kill(pid, Libc.SigKill) == 0;

    /// <summary>Kills every member of the process group <paramref name="groupId"/>; false when the group has no member left.</summary>
    public static bool KillGroup(int groupId) => groupId > 1 && !OperatingSystem.IsWindows() && Libc.kill(-groupId, Libc.SigKill) == 0;
}

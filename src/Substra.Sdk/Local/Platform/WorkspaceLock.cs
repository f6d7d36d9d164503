using System.Diagnostics;
using System.Globalization;

namespace Substra.Sdk.Local.Platform;

/// <summary>
/// One process at a time owns a workspace: an exclusive lock on <c>platform.lock</c>, released by the kernel when the
/// process ends however it ends. The owner writes its process id and command line beside it, so that a second process
/// is told which process holds the workspace.
/// </summary>
internal sealed class WorkspaceLock : IDisposable
{
    private readonly FileStream _lock;

    private WorkspaceLock(FileStream handle) => _lock = handle;

    public static WorkspaceLock Acquire(string lockPath)
    {
        FileStream handle;
        try
        {
            // FileShare.None is an exclusive flock on Unix: it fails at once while another process holds it.
            handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new WorkspaceInUseException(
                $"The local workspace '{Path.GetDirectoryName(lockPath)}' is open in another process ({Owner(lockPath)}). " +
                "Close that process (or its clients), or give this one another workspace folder (SubstraClientOptions.WorkspaceDirectory).", e);
        }

        using var process = Process.GetCurrentProcess();
        File.WriteAllText(OwnerPath(lockPath), string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} ({process.ProcessName}) started {process.StartTime:O}: {Environment.CommandLine}\n"));
        return new WorkspaceLock(handle);
    }

    public void Dispose() => _lock.Dispose();

    private static string OwnerPath(string lockPath) => lockPath + ".owner";

    private static string Owner(string lockPath)
    {
        try
        {
            return File.ReadAllText(OwnerPath(lockPath)).Trim();
        }
        catch (IOException)
        {
            return "process unknown";
        }
    }
}

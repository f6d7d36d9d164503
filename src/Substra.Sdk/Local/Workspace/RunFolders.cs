using System.Collections.Concurrent;

namespace Substra.Sdk.Local.Workspace;

/// <summary>
/// The folders task executions run in (<c>runs/&lt;id&gt;/</c> with <c>inputs/</c>, <c>outputs/</c> and <c>cli-args/</c>),
/// reused: a finished task's folder is emptied off the task path and handed to a later task, because creating and
/// removing four folders per task costs about a millisecond on ext4 once many have been deleted (its inode allocator
/// steps over every recently deleted one). A folder that cannot be emptied exactly is deleted instead, and
/// <see cref="DeleteIdle"/> removes the idle ones when the platform closes: nothing of a run stays behind.
/// </summary>
internal sealed class RunFolders(LocalWorkspace workspace)
{
    /// <summary>The volumes of a run folder, the only entries it holds.</summary>
    public static readonly IReadOnlyList<string> Volumes = ["inputs", "outputs", "cli-args"];

    // More idle folders than tasks ever ran at once are never needed.
    private const int MaxIdle = 64;

    private readonly ConcurrentStack<string> _idle = new();

    // The mode a new volume gets (0777 less the umask), given back to recycled ones: the docker spawner opens outputs/ to
    // the container's user, and a later subprocess task must not inherit a folder others can write to.
    private UnixFileMode? _freshMode;

    /// <summary>An empty run folder with its volumes: an idle one, or a new one named by a fresh run id.</summary>
    public string Take()
    {
        if (_idle.TryPop(out var folder) && Directory.Exists(folder))
        {
            return folder;
        }

        folder = workspace.RunDirectory(LocalWorkspace.NewRunId());
        foreach (var volume in Volumes)
        {
            Directory.CreateDirectory(Path.Combine(folder, volume));
        }

        if (!OperatingSystem.IsWindows())
        {
            _freshMode ??= File.GetUnixFileMode(Path.Combine(folder, Volumes[0]));
        }

        return folder;
    }

    /// <summary>
    /// Empties a finished task's folder for a later task, or deletes it when it holds anything but its volumes that cannot
    /// be removed. Called once the task's processes are gone.
    /// </summary>
    public void Recycle(string folder)
    {
        workspace.EnsureInside(folder);
        if (_idle.Count < MaxIdle && TryEmpty(folder))
        {
            _idle.Push(folder);
            return;
        }

        workspace.DeleteDirectory(folder);
    }

    /// <summary>Deletes the idle folders (the platform is closing).</summary>
    public void DeleteIdle()
    {
        while (_idle.TryPop(out var folder))
        {
            workspace.DeleteDirectory(folder);
        }
    }

    private bool TryEmpty(string folder)
    {
        try
        {
            // Links are removed, never followed: Directory.Delete does not descend into a symbolic link.
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory && (entry.Attributes & FileAttributes.ReparsePoint) == 0 && Volumes.Contains(entry.Name))
                {
                    foreach (var inside in directory.EnumerateFileSystemInfos())
                    {
                        Remove(inside);
                    }
                }
                else
                {
                    Remove(entry);
                }
            }

            if (!OperatingSystem.IsWindows() && _freshMode is { } mode)
            {
                foreach (var volume in Volumes)
                {
                    // Never through a link (a mode change follows it): the loop above removed those.
                    var path = new DirectoryInfo(Path.Combine(folder, volume));
                    if (path.Exists && (path.Attributes & FileAttributes.ReparsePoint) == 0)
                    {
                        path.UnixFileMode = mode;
                    }
                }
            }

            // Exactly the empty volumes, as Take makes them.
            return Volumes.All(volume => Directory.Exists(Path.Combine(folder, volume)) && !Directory.EnumerateFileSystemEntries(Path.Combine(folder, volume)).Any())
                && Directory.EnumerateFileSystemEntries(folder).Count() == Volumes.Count;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Remove(FileSystemInfo entry)
    {
        if (entry is DirectoryInfo directory && (entry.Attributes & FileAttributes.ReparsePoint) == 0)
        {
            directory.Delete(recursive: true);
        }
        else
        {
            entry.Delete();
        }
    }
}

namespace Substra.Sdk.Local.Workspace;

/// <summary>
/// The layout of a local platform's workspace folder. Every path here is derived from the platform's own ids (random
/// run ids, content hashes, parsed keys re-formatted), never from a string a user gave, and every path the platform
/// deletes is checked to be inside the workspace first.
/// </summary>
/// <remarks>
/// <code>
/// platform.db (+ -wal, -shm)   the state (SQLite)
/// platform.lock                held by the process that has the platform open
/// files/&lt;sha256&gt;/&lt;role&gt;   registered files and kept models, content-addressed, read-only
/// functions/&lt;sha256&gt;/        unpacked function archives (subprocess backend)
/// runs/&lt;run id&gt;/             one task execution at a time: inputs/, outputs/, cli-args/ (emptied for the next, deleted at close)
/// logs/&lt;run id&gt;.txt          a task execution's standard output and error
/// live_performances/&lt;plan&gt;/performances.json
/// </code>
/// </remarks>
internal sealed class LocalWorkspace
{
    public LocalWorkspace(string root)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        Directory.CreateDirectory(Root);
        foreach (var folder in new[] { FilesDirectory, RunsDirectory, LogsDirectory })
        {
            Directory.CreateDirectory(folder);
        }
    }

    public string Root { get; }

    public string DatabasePath => Path.Combine(Root, "platform.db");

    public string LockPath => Path.Combine(Root, "platform.lock");

    public string FilesDirectory => Path.Combine(Root, "files");

    public string FunctionsDirectory => Path.Combine(Root, "functions");

    public string RunsDirectory => Path.Combine(Root, "runs");

    public string LogsDirectory => Path.Combine(Root, "logs");

    /// <summary>A fresh folder name for one task execution.</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N");

    public string RunDirectory(string runId) => Path.Combine(RunsDirectory, CheckedName(runId));

    public string LogPath(string runId) => Path.Combine(LogsDirectory, CheckedName(runId) + ".txt");

    /// <summary>The plan's live performances file; the plan key is a UUID, re-formatted here so no user string reaches the path.</summary>
    public string LivePerformancesPath(string computePlanKey) =>
        Path.Combine(Root, "live_performances", Guid.Parse(computePlanKey).ToString("D"), "performances.json");

    /// <summary>True when <paramref name="path"/> is the workspace or below it, after resolving <c>..</c> segments.</summary>
    public bool Contains(string path)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>Deletes a folder the platform made; refuses (and says so) anything outside the workspace.</summary>
    public void DeleteDirectory(string path)
    {
        EnsureInside(path);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>Deletes a file the platform made; refuses anything outside the workspace.</summary>
    public void DeleteFile(string path)
    {
        EnsureInside(path);
        File.Delete(path);
    }

    public void EnsureInside(string path)
    {
        if (!Contains(path))
        {
            throw new InvalidOperationException(
                $"Refusing to delete '{path}': it is not inside the platform's workspace '{Root}'. This is a bug of the local platform.");
        }
    }

    // Names made by the platform are hex digits, a defence in depth against a caller passing something else.
    private static string CheckedName(string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                throw new ArgumentException($"'{name}' is not a platform-made name (hex digits only).", nameof(name));
            }
        }

        return name.Length > 0 ? name : throw new ArgumentException("A platform-made name cannot be empty.", nameof(name));
    }
}

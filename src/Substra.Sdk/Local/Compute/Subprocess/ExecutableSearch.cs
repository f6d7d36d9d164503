namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>Finds a program as <c>execvp</c> would (Unix): a path with a slash as is, a bare name on the PATH.</summary>
internal static class ExecutableSearch
{
    /// <summary>The full path of <paramref name="program"/> when it exists and is executable, else <c>null</c>.</summary>
    public static string? Find(string program, string? pathVariable)
    {
        if (program.Length == 0)
        {
            return null;
        }

        if (program.Contains('/'))
        {
            var full = Path.GetFullPath(program);
            return IsExecutable(full) ? full : null;
        }

        foreach (var directory in (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (IsExecutable(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path) || OperatingSystem.IsWindows())
        {
            return File.Exists(path);
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}

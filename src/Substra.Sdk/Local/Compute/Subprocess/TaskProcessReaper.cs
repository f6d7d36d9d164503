using System.Buffers;
using System.Text;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// Finds task processes by the markers every task process (and, through inheritance, every process it starts) carries in
/// its environment, even those that left the task's process group or session, and SIGKILLs them. It reads
/// <c>/proc/&lt;pid&gt;/environ</c> (Linux; elsewhere it finds nothing), skips processes it cannot read and never kills
/// the calling process. A process that clears its own environment is out of its reach.
/// </summary>
internal static class TaskProcessReaper
{
    /// <summary>The environment variable holding the platform id (<see cref="SubprocessSpawnerOptions.PlatformId"/>).</summary>
    public const string PlatformVariable = "SUBSTRA_LOCAL_PLATFORM";

    /// <summary>The environment variable holding the id of one run of one task (fresh at every spawn).</summary>
    public const string RunVariable = "SUBSTRA_TASK_RUN";

    // A process forking while being killed may leave a child the first pass did not see.
    private const int MaxPasses = 4;

    /// <summary>
    /// Kills every process of the platform <paramref name="platformId"/>: what a host killed with its tasks running left
    /// behind. A platform calls it when it reopens its workspace, before running tasks again. Returns the number of
    /// processes killed.
    /// </summary>
    public static int KillPlatform(string platformId) => Kill([Marker(PlatformVariable, platformId)]);

    /// <summary>Kills every process of the task run <paramref name="runId"/>. Returns the number of processes killed.</summary>
    public static int KillRun(string runId) => Kill([Marker(RunVariable, runId)]);

    /// <summary>Kills every process of any of <paramref name="runIds"/> in one scan.</summary>
    internal static int KillRuns(IEnumerable<string> runIds)
    {
        var markers = runIds.Select(runId => Marker(RunVariable, runId)).ToList();
        return markers.Count == 0 ? 0 : Kill(markers);
    }

    /// <summary>The processes (other than this one) whose environment holds <c>name=value</c>.</summary>
    internal static IReadOnlyList<int> Find(string name, string value) => Find([Marker(name, value)]);

    /// <summary>Checks an id is usable as an environment value the scan can match.</summary>
    internal static void Validate(string id, string what)
    {
        if (string.IsNullOrEmpty(id) || id.Contains('\0'))
        {
            throw new ArgumentException($"The {what} must be a non-empty string without NUL characters, got '{id}'.");
        }
    }

    private static int Kill(IReadOnlyList<byte[]> markers)
    {
        var killed = new HashSet<int>();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var found = Find(markers);
            if (found.Count == 0)
            {
                break;
            }

            foreach (var pid in found)
            {
                if (ProcessSignals.Kill(pid))
                {
                    killed.Add(pid);
                }
            }
        }

        return killed.Count;
    }

    private static byte[] Marker(string name, string value)
    {
        Validate(value, name);
        return Encoding.UTF8.GetBytes(name + "=" + value + "\0");
    }

    private static List<int> Find(IReadOnlyList<byte[]> markers)
    {
        var found = new List<int>();
        if (OperatingSystem.IsWindows() || !Directory.Exists("/proc"))
        {
            return found;
        }

        var self = Environment.ProcessId;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory.AsSpan()), out var pid) || pid == self)
                {
                    continue;
                }

                var length = ReadEnvironment(pid, ref buffer);
                if (length > 0 && markers.Any(marker => Contains(buffer.AsSpan(0, length), marker)))
                {
                    found.Add(pid);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return found;
    }

    /// <summary>Reads <c>/proc/&lt;pid&gt;/environ</c> into <paramref name="buffer"/> (grown as needed); 0 when unreadable or gone.</summary>
    private static int ReadEnvironment(int pid, ref byte[] buffer) => ProcFile.ReadAll($"/proc/{pid}/environ", ref buffer);

    /// <summary>Whether the NUL-separated <paramref name="environment"/> has the entry <paramref name="marker"/> (<c>name=value\0</c>).</summary>
    private static bool Contains(ReadOnlySpan<byte> environment, byte[] marker)
    {
        var offset = 0;
        while (offset < environment.Length)
        {
            var index = environment[offset..].IndexOf(marker);
            if (index < 0)
            {
                break;
            }

            var at = offset + index;
            if (at == 0 || environment[at - 1] == 0)
            {
                return true;
            }

            offset = at + 1;
        }

        // The last entry may lack its NUL.
        var unterminated = marker.AsSpan(0, marker.Length - 1);
        return environment.EndsWith(unterminated)
            && (environment.Length == unterminated.Length || environment[environment.Length - unterminated.Length - 1] == 0);
    }
}

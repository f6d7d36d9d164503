using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Substra.Benchmarks;

/// <summary>What the figures were measured on; read at start, before the benchmarks add their own load.</summary>
internal sealed record Machine(string Cpu, int Cores, string Memory, string OperatingSystem, string DotNet, string LoadAverage, double? BusyPercent, string BusiestOthers)
{
    /// <summary>Above this share of CPU time used by other processes at start, the page warns that wall times are inflated.</summary>
    public const double LoadedBusyPercent = 25;

    public static Machine Describe()
    {
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memoryKb = ReadLines("/proc/meminfo").FirstOrDefault(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var memory = long.TryParse(memoryKb, out var kb) ? $"{kb / 1024 / 1024.0:F1} GiB" : "unknown";
        // A compiler server left by `dotnet run`'s build stays busy for a few seconds: wait (up to 30 s) for the machine to settle.
        var others = MeasureOthersBusy(TimeSpan.FromSeconds(2));
        var settle = Stopwatch.StartNew();
        while (others?.Percent > LoadedBusyPercent && settle.Elapsed < TimeSpan.FromSeconds(30))
        {
            others = MeasureOthersBusy(TimeSpan.FromSeconds(2));
        }

        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        return new Machine(cpu, Environment.ProcessorCount, memory, RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription, load, others?.Percent, others?.Busiest ?? "unknown");
    }

    /// <summary>
    /// The share of all cores' time that other programs used over <paramref name="window"/> (this process and the
    /// <c>dotnet run</c> that started it left out), and the busiest of them. Unlike the load average, which still counts
    /// the minute before (the benchmark's own build), it says how loaded the machine is now.
    /// </summary>
    private static (double Percent, string Busiest)? MeasureOthersBusy(TimeSpan window)
    {
        var self = Environment.ProcessId;
        var parent = ProcessTicks(self)?.ParentId;
        var before = AllProcessTicks();
        var clockBefore = TotalTicks();
        Thread.Sleep(window);
        var after = AllProcessTicks();
        var clockAfter = TotalTicks();
        if (clockBefore is null || clockAfter is null || clockAfter <= clockBefore)
        {
            return null;
        }

        var used = after
            .Where(process => process.Key != self && process.Key != parent && before.ContainsKey(process.Key))
            .Select(process => (process.Value.Name, Ticks: process.Value.Ticks - before[process.Key].Ticks))
            .Where(process => process.Ticks > 0)
            .OrderByDescending(process => process.Ticks)
            .ToList();
        var total = (double)(clockAfter.Value - clockBefore.Value);
        var busiest = string.Join(", ", used.Take(3).Select(process => $"{process.Name} {100 * process.Ticks / total:F0}%"));
        return (100 * used.Sum(process => process.Ticks) / total, busiest.Length == 0 ? "none" : busiest);
    }

    private static Dictionary<int, (string Name, long Ticks, int ParentId)> AllProcessTicks()
    {
        var processes = new Dictionary<int, (string, long, int)>();
        foreach (var directory in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            if (int.TryParse(Path.GetFileName(directory), out var id) && ProcessTicks(id) is { } ticks)
            {
                processes[id] = ticks;
            }
        }

        return processes;
    }

    /// <summary>A process's name, user + system CPU time in clock ticks (the unit of /proc/stat) and parent.</summary>
    private static (string Name, long Ticks, int ParentId)? ProcessTicks(int id)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{id}/stat");
            var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (name, long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // The process ended meanwhile, or this is not Linux.
            return null;
        }
    }

    /// <summary>Clock ticks of all cores (busy or idle) since boot, from /proc/stat.</summary>
    private static long? TotalTicks()
    {
        var line = ReadLines("/proc/stat").FirstOrDefault(text => text.StartsWith("cpu ", StringComparison.Ordinal));
        return line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Sum(field => long.Parse(field, CultureInfo.InvariantCulture));
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}

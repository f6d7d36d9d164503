using System.Runtime.InteropServices;

namespace Substra.Benchmarks;

/// <summary>What the figures were measured on; read at start, before the benchmarks add their own load.</summary>
internal sealed record Machine(string Cpu, int Cores, string Memory, string OperatingSystem, string DotNet, string LoadAverage, double? BusyPercent)
{
    /// <summary>Above this share of CPU time used by other processes at start, the page warns that wall times are inflated.</summary>
    public const double LoadedBusyPercent = 25;

    public static Machine Describe()
    {
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memoryKb = ReadLines("/proc/meminfo").FirstOrDefault(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var memory = long.TryParse(memoryKb, out var kb) ? $"{kb / 1024 / 1024.0:F1} GiB" : "unknown";
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        return new Machine(cpu, Environment.ProcessorCount, memory, RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription, load, MeasureBusyPercent(TimeSpan.FromSeconds(2)));
    }

    /// <summary>
    /// The share of all cores' time spent busy over <paramref name="window"/>, from /proc/stat. Unlike the load average,
    /// which still counts the minute before (the benchmark's own build), it says how loaded the machine is now.
    /// </summary>
    private static double? MeasureBusyPercent(TimeSpan window)
    {
        // `dotnet run` keeps a core busy for a second or two after starting this process: let it finish first.
        Thread.Sleep(TimeSpan.FromSeconds(3));
        if (ReadCpuTimes() is not { } before || OwnTicks() is not { } ownBefore)
        {
            return null;
        }

        Thread.Sleep(window);
        if (ReadCpuTimes() is not { } after || OwnTicks() is not { } ownAfter || after.Total <= before.Total)
        {
            return null;
        }

        // This process's own start-up work (JIT, GC) is not another program's load.
        var othersBusy = Math.Max(0, after.Busy - before.Busy - (ownAfter - ownBefore));
        return 100.0 * othersBusy / (after.Total - before.Total);
    }

    /// <summary>This process's user + system CPU time in clock ticks, the unit of /proc/stat.</summary>
    private static long? OwnTicks()
    {
        var stat = File.Exists("/proc/self/stat") ? File.ReadAllText("/proc/self/stat") : null;
        if (stat is null)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (long Busy, long Total)? ReadCpuTimes()
    {
        var line = ReadLines("/proc/stat").FirstOrDefault(text => text.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(field => long.Parse(field, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        return (total - fields[3] - fields[4], total);
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}

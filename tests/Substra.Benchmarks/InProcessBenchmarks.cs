using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Substra.Benchmarks;

/// <summary>Runs the BenchmarkDotNet benchmarks in this process and turns their summaries into figures.</summary>
internal static class InProcessBenchmarks
{
    public static IReadOnlyList<Figure> Run(bool quick)
    {
        // In-process toolchain: no generated project to build per benchmark (slow on a shared 2-core machine).
        var job = (quick
                ? Job.Dry.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(3)
                : Job.ShortRun.WithStrategy(RunStrategy.Monitoring))
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateMinimumViable().AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "substra-benchmarks")); // keeps the repository clean
        var figures = new List<Figure>();
        foreach (var summary in new[] { BenchmarkRunner.Run<RankingBenchmarks>(config), BenchmarkRunner.Run<GeneratorBenchmarks>(config) })
        {
            figures.AddRange(summary.Reports.Select(report => ToFigure(summary, report)));
        }

        return figures;
    }

    private static Figure ToFigure(Summary summary, BenchmarkReport report)
    {
        var benchmark = report.BenchmarkCase;
        var tasks = benchmark.Parameters.Items.FirstOrDefault(parameter => parameter.Name == nameof(RankingBenchmarks.Tasks))?.Value as int?;
        var name = tasks is { } count
            ? $"Ranking: validate + dependency graph + ranks, {count:N0} tasks (in-process)"
            : $"Source generator, full run on {GeneratorBenchmarks.FunctionCount} functions (in-process)";
        var source = $"tests/Substra.Benchmarks {benchmark.Descriptor.Type.Name}";
        if (report.ResultStatistics is not { } statistics)
        {
            return Figure.NotMeasured(name, $"BenchmarkDotNet gave no result ({string.Join("; ", summary.ValidationErrors.Select(error => error.Message))})", source: source);
        }

        var milliseconds = statistics.Median / 1_000_000;
        var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmark) is { } bytes ? $", {bytes / 1024.0 / 1024.0:F1} MiB allocated" : "";
        var value = $"{milliseconds:F1} ms median of {statistics.N}{allocated}";
        return tasks switch
        {
            10_000 => new(name, value, "< 200 ms (the whole registration's goal)", milliseconds < 200, source),
            100_000 => new(name, value, "< 2 s", milliseconds < 2_000, source),
            _ => new(name, value, "—", null, source),
        };
    }
}

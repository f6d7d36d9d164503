using System.Globalization;
using System.Text.RegularExpressions;

namespace Substra.Benchmarks;

/// <summary>Whole-process figures: the harnesses under bench/ run as child processes, their output parsed.</summary>
internal sealed partial class Harnesses(string repository, bool quick, TimeSpan timeout)
{
    private const string TaskOverheadGoal = "≤ 5 ms";

    public async Task<IReadOnlyList<Figure>> RuntimeStartAsync()
    {
        const string source = "bench/runtime-start.sh";
        const string name = "Runtime start: function ÷ plain `dotnet hello.dll`";
        var (output, failure) = await ChildProcess.RunAsync(repository, timeout, "bash", source, quick ? "3" : "20");
        if (output is null)
        {
            return [Figure.NotMeasured(name, failure!, "< 1.5×", source)];
        }

        double Case(string label) => Number(output, Regex.Escape(label) + @"\s*:\s*([\d.]+) ms");
        var hello = Case("dotnet hello.dll");
        var copy = Case("copy: build output, recommended settings");
        var copyDefaults = Case("copy: build output, SDK default settings");
        var copyReadyToRun = Case("copy: ReadyToRun (linux-x64)");
        var injected = Case("copy_injected: build output, recommended settings");
        var injectedReadyToRun = Case("copy_injected: ReadyToRun (linux-x64)");
        var releaseArchive = Case("copy: Release archive (ReadyToRun)");
        var native = Case("copy: native archive (NativeAOT)");
        var nativeInjected = Case("copy_injected: native archive (NativeAOT)");
        string Ratio(double value) => $"{value:F1} ms ({value / hello:F2}×)";
        return
        [
            new("Runtime start: plain `dotnet hello.dll`", $"{hello:F1} ms", "—", null, source),
            new("Runtime start: trivial function (static copy of a 1 KB model), as the archive ships it, ratio to plain",
                Ratio(copy), "< 1.5×", copy / hello < 1.5, source),
            new("Runtime start: the same with the SDK's default start-up settings", Ratio(copyDefaults), "—", null, source),
            new("Runtime start: the same, published ReadyToRun (linux-x64)", Ratio(copyReadyToRun), "—", null, source),
            new("Runtime start: copy in a class with an injected logger and async I/O (DI, logging, thread pool)", Ratio(injected), "—", null, source),
            new("Runtime start: the same, published ReadyToRun (linux-x64)", Ratio(injectedReadyToRun), "—", null, source),
            new("Runtime start: trivial function, the Release archive (ReadyToRun by default)", Ratio(releaseArchive), "—", null, source),
            new("Runtime start: trivial function, native archive (PublishAot, NativeAOT)", Ratio(native), "≤ 12 ms", native <= 12, source),
            new("Runtime start: copy with an injected logger and async I/O, native archive (NativeAOT)", Ratio(nativeInjected), "≤ 20 ms", nativeInjected <= 20, source),
        ];
    }

    public async Task<IReadOnlyList<Figure>> PythonOpenerAsync()
    {
        const string source = "bench/python-opener.sh";
        var (output, failure) = await ChildProcess.RunAsync(repository, timeout, "bash", source, quick ? "3" : "10", quick ? "1" : "3");
        if (output is null)
        {
            return [Figure.NotMeasured("Python opener bridge", failure!, "—", source)];
        }

        var figures = new List<Figure>();
        foreach (var (rows, label) in new[] { ("1000", "1,000"), ("1000000", "1,000,000") })
        {
            double Case(string name) => Number(output, Regex.Escape($"{rows} rows: {name}") + @"\s*:\s*([\d.]+) ms");
            var alone = Case("python alone");
            var frame = Case("C# DataFrame");
            var matrix = Case("C# double[,]");
            figures.Add(new(
                $"Python opener bridge, {label} rows × 10 float64 columns: C# function (DataFrame; double[,]) vs the opener run by Python alone",
                $"{frame:F0} ms; {matrix:F0} ms vs {alone:F0} ms (bridge adds {frame - alone:F0} ms; {matrix - alone:F0} ms)",
                "—",
                null,
                source));
        }

        return figures;
    }

    public async Task<IReadOnlyList<Figure>> BuildNoopAsync()
    {
        const string source = "bench/build-noop.sh";
        const string name = "No-op incremental build with packaging ÷ without (Substra.Tools as a package, as users reference it)";
        // Package mode: the in-repo source mode also checks three project references on every build, which users never pay.
        var (output, failure) = await ChildProcess.RunAsync(repository, timeout, "bash", source, quick ? "3" : "7", "package");
        if (output is null)
        {
            return [Figure.NotMeasured(name, failure!, "< 1.2×", source)];
        }

        var with = Number(output, @"with packaging (\d+) ms");
        var without = Number(output, @"without (\d+) ms");
        var figures = new List<Figure> { new(name, $"{with:F0} ms vs {without:F0} ms ({with / without:F2}×)", "< 1.2×", with / without < 1.2, source) };

        // The same project with PublishAot (NativeAOT archives), built in Release: its no-op build, and its first build.
        const string nativeName = "No-op incremental build with NativeAOT archives ÷ without packaging (PublishAot, Release, package)";
        var (nativeOutput, nativeFailure) = await ChildProcess.RunAsync(repository, timeout, "bash", source, quick ? "3" : "7", "package", "native");
        if (nativeOutput is null)
        {
            figures.Add(Figure.NotMeasured(nativeName, nativeFailure!, "≤ 1.2×", source + " package native"));
            return figures;
        }

        var nativeWith = Number(nativeOutput, @"with packaging (\d+) ms");
        var nativeWithout = Number(nativeOutput, @"without (\d+) ms");
        figures.Add(new(nativeName, $"{nativeWith:F0} ms vs {nativeWithout:F0} ms ({nativeWith / nativeWithout:F2}×)", "≤ 1.2×", nativeWith / nativeWithout <= 1.2, source + " package native"));
        figures.Add(new("First build of that project with NativeAOT archives (restore excluded)", $"{Number(nativeOutput, @"first build \(package, native\): (\d+) ms"):F0} ms", "—", null, source + " package native"));
        return figures;
    }

    public async Task<IReadOnlyList<Figure>> LocalRegistrationAsync()
    {
        const string source = "bench/Substra.Sdk.Local.Bench registration";
        // The durable store (SQLite, the default) holds the goals; the in-memory store is shown beside it, from the same run.
        var rows = new[]
        {
            (Store: "durable", Tasks: 10_000, Runs: " (median of 5 runs)", Goal: "≤ 0.1 s", Limit: (double?)100),
            (Store: "durable", Tasks: 100_000, Runs: " (median of 3 runs)", Goal: "≤ 0.5 s", Limit: (double?)500),
            (Store: "in-memory", Tasks: 10_000, Runs: " (median of 5 runs)", Goal: "—", Limit: (double?)null),
            (Store: "in-memory", Tasks: 100_000, Runs: " (median of 3 runs)", Goal: "—", Limit: (double?)null),
        };
        const string reopenLabel = "Local platform reopen, workspace holding 100,000 tasks (median of 3)";
        var (output, failure) = await DotnetRunAsync("bench/Substra.Sdk.Local.Bench", "registration");
        if (output is null)
        {
            return [.. rows.Select(row => Figure.NotMeasured(Label(row.Store, row.Tasks, row.Runs), failure!, row.Goal, source)),
                Figure.NotMeasured(reopenLabel, failure!, "≤ 1 s", source)];
        }

        var figures = new List<Figure>();
        foreach (var row in rows)
        {
            // The last line for a size and store is the harness's figure: the median run (of 5 for 10,000 tasks, of 3 for 100,000).
            var match = RegistrationLine().Matches(output)
                .LastOrDefault(line => line.Groups["tasks"].Value == row.Tasks.ToString(CultureInfo.InvariantCulture) && line.Groups["store"].Value == row.Store);
            var label = Label(row.Store, row.Tasks, row.Runs);
            if (match is null)
            {
                figures.Add(Figure.NotMeasured(label, "the harness printed no line for it", row.Goal, source));
                continue;
            }

            var wall = double.Parse(match.Groups["wall"].Value, CultureInfo.InvariantCulture);
            var walls = match.Groups["walls"].Success ? $" (runs in order: {match.Groups["walls"].Value} ms)" : "";
            figures.Add(new(label,
                $"{wall:F0} ms wall{walls}, {match.Groups["cpu"].Value} ms CPU, {match.Groups["allocated"].Value} MiB allocated, peak working set {match.Groups["peak"].Value} MiB",
                row.Goal, row.Limit is { } limit ? wall <= limit : null, source));
        }

        var reopen = Number(output, @"reopen of a workspace holding \d+ tasks: (\d+) ms");
        figures.Add(new(reopenLabel, $"{reopen:F0} ms", "≤ 1 s", reopen <= 1_000, source));
        return figures;

        static string Label(string store, int tasks, string runs) => $"Local registration (client + local platform, {store} store), {tasks:N0} tasks{runs}";
    }

    public async Task<IReadOnlyList<Figure>> WaitLatencyAsync()
    {
        const string source = "bench/Substra.Sdk.Local.Bench wait";
        const string name = "Wait latency after a plan ends (local platform, event-driven; the client's wait called with its default 2 s polling interval)";
        var (output, failure) = await DotnetRunAsync("bench/Substra.Sdk.Local.Bench", "wait");
        if (output is null)
        {
            return [Figure.NotMeasured(name, failure!, "≤ 50 ms", source)];
        }

        var median = Number(output, @"wait latency after a plan ends: median ([\d.]+) ms");
        var max = Number(output, @"wait latency after a plan ends: median [\d.]+ ms, max ([\d.]+) ms");
        return [new(name, $"median {median:F1} ms, max {max:F1} ms over 10 plans", "≤ 50 ms", max <= 50, source)];
    }

    public async Task<IReadOnlyList<Figure>> LocalOverheadAsync()
    {
        var tasks = quick ? 20 : 200;
        var source = $"bench/Substra.Sdk.Local.Bench overhead --tasks {tasks}";
        const string name = "Per-task overhead, subprocess, C# and Python";
        var (output, failure) = await DotnetRunAsync("bench/Substra.Sdk.Local.Bench", "overhead", "--tasks", tasks.ToString(CultureInfo.InvariantCulture));
        if (output is null)
        {
            return [Figure.NotMeasured(name, failure!, TaskOverheadGoal, source)];
        }

        var figures = new List<Figure>();
        foreach (Match match in ColdPlanLine().Matches(output))
        {
            figures.Add(new(
                $"Per-task cost of the first plan in a fresh process (platform code not yet optimised by the JIT), subprocess, {match.Groups["language"].Value}, chain, parallelism 1",
                $"{match.Groups["wall"].Value} ms wall per task, {match.Groups["cpu"].Value} ms of the host's CPU per task ({match.Groups["tasks"].Value} tasks; the rows below are measured after it)",
                "—", null, source));
        }

        var steadyState = figures.Count;
        foreach (Match match in OverheadLine().Matches(output))
        {
            // The harness's own figure: what the backend adds to running the same processes with the same concurrency.
            var overhead = double.Parse(match.Groups["overhead"].Value, CultureInfo.InvariantCulture);
            figures.Add(new(
                $"Per-task overhead, subprocess, {match.Groups["language"].Value}, {match.Groups["shape"].Value}, parallelism {match.Groups["parallelism"].Value} " +
                "(minus the function process's start-up)",
                $"{overhead:F1} ms (wall {match.Groups["wall"].Value} ms per task; the same process alone {match.Groups["alone"].Value} ms; {tasks} tasks)",
                // A few tasks leave the figure within ±15 ms of noise on a 2-core machine: only the full run judges the goal.
                quick ? TaskOverheadGoal + " (judged by the full run)" : TaskOverheadGoal, quick ? null : overhead <= 5, source));
        }

        if (figures.Count == steadyState)
        {
            figures.Add(Figure.NotMeasured(name, "the harness printed no overhead line (did its format change?)", TaskOverheadGoal, source));
        }

        return figures;
    }

    public async Task<IReadOnlyList<Figure>> FedAvgAsync()
    {
        var (organisations, rounds) = quick ? (4, 3) : (10, 10);
        var source = $"bench/Substra.Sdk.Local.Bench fedavg --orgs {organisations} --rounds {rounds}";
        var name = $"FedAvg plan wall time, {organisations} organisations × {rounds} rounds";
        const string nativeProject = "bench/Substra.Bench.FedAvgFunctions.Native";
        var nativeSource = $"{source} --functions {nativeProject}/bin/Release/net10.0/substra";
        var nativeName = $"FedAvg plan wall time, {organisations} organisations × {rounds} rounds, native (NativeAOT) archives ÷ the sample's archives as a Release build ships them (framework-dependent, ReadyToRun)";
        const string nativeGoal = "≤ 0.3×";
        string[] arguments = ["fedavg", "--orgs", organisations.ToString(CultureInfo.InvariantCulture), "--rounds", rounds.ToString(CultureInfo.InvariantCulture)];

        // The same functions' source with PublishAot, built (about a minute the first time) before anything is timed.
        var (_, buildFailure) = await ChildProcess.RunAsync(repository, timeout, "dotnet", "build", nativeProject, "-c", "Release", "-nodeReuse:false");
        string[] nativeArguments = [.. arguments, "--functions", $"{nativeProject}/bin/Release/net10.0/substra"];

        // Both kinds of archive interleaved in one run, each plan in a fresh harness process; the first run builds the harness.
        var shipped = new List<Match>();
        var native = new List<Match>();
        string? failure = null;
        string? nativeFailure = buildFailure is null ? null : $"the native build of the functions failed: {buildFailure}";
        for (var run = 0; run < (quick ? 1 : 2); run++)
        {
            var (output, runFailure) = run == 0
                ? await DotnetRunAsync("bench/Substra.Sdk.Local.Bench", arguments)
                : await DotnetRunNoBuildAsync("bench/Substra.Sdk.Local.Bench", arguments);
            if (output is null)
            {
                failure = runFailure;
                break;
            }

            shipped.Add(FedAvgSummary(output));
            if (nativeFailure is null)
            {
                var (nativeOutput, nativeRunFailure) = await DotnetRunNoBuildAsync("bench/Substra.Sdk.Local.Bench", nativeArguments);
                if (nativeOutput is null)
                {
                    nativeFailure = nativeRunFailure;
                }
                else
                {
                    native.Add(FedAvgSummary(nativeOutput));
                }
            }
        }

        if (failure is not null)
        {
            return [Figure.NotMeasured(name, failure, source: source), Figure.NotMeasured(nativeName, failure, nativeGoal, nativeSource)];
        }

        // Medians of the interleaved runs (with two, their mean).
        var shippedWall = Median(shipped.Select(Wall));
        var first = shipped[0];
        var tasks = int.Parse(first.Groups["tasks"].Value, CultureInfo.InvariantCulture);
        var runs = shipped.Count == 1 ? "" : $", median of {shipped.Count} runs";
        var figures = new List<Figure>
        {
            new(name,
                $"{shippedWall:F0} ms for {tasks} C# tasks ({shippedWall / tasks:F1} ms per task, " +
                $"parallelism {first.Groups["parallelism"].Value}{runs}); final mean accuracy {first.Groups["accuracy"].Value}",
                "—", null, source),
        };
        if (nativeFailure is not null)
        {
            figures.Add(Figure.NotMeasured(nativeName, nativeFailure, nativeGoal, nativeSource));
            return figures;
        }

        // A plan of a few tasks is mostly noise: only the full run judges the goal.
        var nativeWall = Median(native.Select(Wall));
        var ratio = nativeWall / shippedWall;
        figures.Add(new(nativeName,
            $"{ratio:F2}× ({nativeWall:F0} ms vs {shippedWall:F0} ms, {native.Count} interleaved runs each; final mean accuracy " +
            $"{native[0].Groups["accuracy"].Value} vs {shipped[0].Groups["accuracy"].Value})",
            quick ? nativeGoal + " (judged by the full run)" : nativeGoal, quick ? null : ratio <= 0.3, nativeSource));
        return figures;

        static double Wall(Match summary) => double.Parse(summary.Groups["wall"].Value, CultureInfo.InvariantCulture);

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    private static Match FedAvgSummary(string output)
    {
        var match = FedAvgLine().Match(output);
        return match.Success ? match : throw new FormatException($"The FedAvg harness printed no summary line; did its format change?\n{output}");
    }

    public async Task<IReadOnlyList<Figure>> DockerAsync()
    {
        var count = quick ? 5 : 50;
        var source = $"bench/Substra.Sdk.Docker.Bench {count}";
        const string name = "Per-task overhead, Docker, warm image (container − host process)";
        var (version, versionFailure) = await ChildProcess.RunAsync(repository, TimeSpan.FromSeconds(15), "docker", "version", "--format", "{{.Server.Version}}");
        if (version is null)
        {
            return [Figure.NotMeasured(name, $"no Docker engine answered (`docker version`: {versionFailure})", source: source)];
        }

        var (output, failure) = await DotnetRunAsync("bench/Substra.Sdk.Docker.Bench", count.ToString(CultureInfo.InvariantCulture));
        if (output is null)
        {
            return [Figure.NotMeasured(name, failure!, source: source)];
        }

        var docker = Number(output, @"docker task, warm image: median (\d+) ms");
        var host = Number(output, @"same function as a host process: median (\d+) ms");
        var overhead = docker - host;
        List<Figure> figures =
        [
            new(name, $"{overhead:F0} ms (container {docker:F0} ms, host {host:F0} ms, median of {count}; engine {version.Trim()})", "—", null, source),
            new("Docker first image build", $"{Number(output, @"first image build.*: (\d+) ms"):F0} ms", "—", null, source),
        ];

        // A plan of a few tasks leaves these within ±50 ms of noise on a 2-core machine: only the full run judges the goals.
        string Judged(string goal) => quick ? goal + " (judged by the full run)" : goal;
        var chain = Number(output, @"docker plan, chain, parallelism 1: ([\d.]+) ms per task");
        var onDemand = Number(output, @"docker plan, chain, parallelism 1, every container created when its task starts: ([\d.]+) ms per task");
        var fanOut1 = Number(output, @"docker plan, fan-out, parallelism 1: ([\d.]+) ms per task");
        var fanOut2 = Number(output, @"docker plan, fan-out, parallelism 2: ([\d.]+) ms per task");
        var bareNone = Number(output, @"bare docker run --rm --network none, same image and command line: ([\d.]+) ms per run");
        var bareDefault = Number(output, @"bare docker run --rm on the default network \(as the reference's docker mode runs\): ([\d.]+) ms per run");
        var tasks = Number(output, @"docker plans: (\d+) tasks per plan shape");
        figures.Add(new(
            "Docker task, chain, parallelism 1 (local platform, registration to end) − a bare `docker run --rm --network none` of the same image and command line",
            $"{chain - bareNone:+0;-0} ms (task {chain:F0} ms, bare run {bareNone:F0} ms; containers created when their task starts: {onDemand:F0} ms; " +
            $"bare run on the default network, as the reference's docker mode runs: {bareDefault:F0} ms; {tasks:F0} tasks)",
            Judged("≤ +30 ms"), quick ? null : chain - bareNone <= 30, source));
        figures.Add(new(
            "Docker task, fan-out, parallelism 2 ÷ parallelism 1 (wall time per task)",
            $"{fanOut2 / fanOut1:F2}× ({fanOut2:F0} ms vs {fanOut1:F0} ms; {tasks:F0} tasks each)",
            Judged("≤ 0.8×"), quick ? null : fanOut2 / fanOut1 <= 0.8, source));
        return figures;
    }

    public async Task<IReadOnlyList<Figure>> RemoteAsync()
    {
        var arguments = quick ? new[] { "10000", "20", "2" } : ["10000", "200", "3"];
        var source = $"bench/Substra.Sdk.Remote.Bench {string.Join(' ', arguments)}";
        const string name = "Remote submission of 10,000 tasks to the loopback server (batches of 500)";
        var (output, failure) = await DotnetRunAsync("bench/Substra.Sdk.Remote.Bench", arguments);
        if (output is null)
        {
            return [Figure.NotMeasured(name, failure!, source: source)];
        }

        // The last run is the warmest.
        var submission = SubmissionLine().Matches(output).LastOrDefault()
            ?? throw new FormatException($"The Remote harness printed no submission line; did its format change?\n{output}");
        var download = DownloadLine().Matches(output).LastOrDefault();
        var figures = new List<Figure>
        {
            new(name, $"{submission.Groups["ms"].Value} ms ({submission.Groups["requests"].Value} requests)", "—", null, source),
        };
        if (download is not null)
        {
            figures.Add(new($"Remote download of a {arguments[1]} MB model to disk", $"{download.Groups["seconds"].Value} s ({download.Groups["rate"].Value} MB/s)", "—", null, source));
        }

        return figures;
    }

    private Task<(string? Output, string? Failure)> DotnetRunAsync(string project, params string[] arguments) =>
        ChildProcess.RunAsync(repository, timeout, "dotnet", ["run", "-c", "Release", "--project", project, "--", .. arguments]);

    // A harness already built by an earlier run of this command.
    private Task<(string? Output, string? Failure)> DotnetRunNoBuildAsync(string project, params string[] arguments) =>
        ChildProcess.RunAsync(repository, timeout, "dotnet", ["run", "-c", "Release", "--no-build", "--project", project, "--", .. arguments]);

    private static double Number(string output, string pattern)
    {
        var match = Regex.Match(output, pattern);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new FormatException($"The harness output has no line matching /{pattern}/; did its format change?\n{output}");
    }

    [GeneratedRegex(@"registration of (?<tasks>\d+) tasks \([^)]*?(?<store>durable|in-memory) store(?:; the median of 3 runs: (?<walls>[\d, ]+) ms in order)?[^)]*\): (?<wall>\d+) ms wall, (?<cpu>\d+) ms CPU.*?allocated (?<allocated>\d+) MiB;.*?process peak working set (?<peak>\d+) MiB")]
    private static partial Regex RegistrationLine();

    [GeneratedRegex(@"\d+ (?<shape>[\w-]+) tasks, (?<language>C#|Python), parallelism (?<parallelism>\d+): (?<wall>[\d.]+) ms wall per task; .*?function process alone (?<alone>[\d.]+) ms wall per run .*?overhead minus the process start-up (?<overhead>-?[\d.]+) ms per task")]
    private static partial Regex OverheadLine();

    [GeneratedRegex(@"first plan in a fresh process: (?<tasks>\d+) chain tasks of (?<language>C#|Python) at parallelism 1 took (?<wall>[\d.]+) ms wall per task, (?<cpu>[\d.]+) ms of this process's CPU per task")]
    private static partial Regex ColdPlanLine();

    [GeneratedRegex(@"fedavg: \d+ organisations x \d+ rounds, (?<tasks>\d+) tasks, parallelism (?<parallelism>\d+): (?<wall>\d+) ms from add_compute_plan to completion, (?<perTask>[\d.]+) ms per task; final mean accuracy (?<accuracy>[\d.]+)")]
    private static partial Regex FedAvgLine();

    [GeneratedRegex(@"run \d+: (?<requests>\d+) requests \([^)]*\) in (?<ms>\d+) ms")]
    private static partial Regex SubmissionLine();

    [GeneratedRegex(@"run \d+: (?<seconds>[\d.]+) s, (?<rate>\d+) MB/s")]
    private static partial Regex DownloadLine();
}

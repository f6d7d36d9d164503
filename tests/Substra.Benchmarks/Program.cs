using System.Diagnostics;
using Substra.Benchmarks;

// The benchmark command (docs/benchmarks.md). Usage: dotnet run -c Release --project tests/Substra.Benchmarks -- [--quick] [--harness-timeout SECONDS] [--output PATH] [--only NAME]
// --only runs the harnesses whose name contains NAME (e.g. "FedAvg", "In-process") and writes the page only with --output.
var quick = args.Contains("--quick");
var unknown = args.Where((arg, i) => arg.StartsWith("--", StringComparison.Ordinal) && arg is not ("--quick" or "--harness-timeout" or "--output" or "--only")).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown option {unknown[0]}. Usage: dotnet run -c Release --project tests/Substra.Benchmarks -- [--quick] [--harness-timeout SECONDS] [--output PATH] [--only NAME]");
    return 2;
}

var repository = FindRepository();
var timeout = TimeSpan.FromSeconds(double.Parse(Option("--harness-timeout") ?? (quick ? "150" : "900"), System.Globalization.CultureInfo.InvariantCulture));
var only = Option("--only");
// A partial run must not replace the full page.
var output = Option("--output") ?? (only is null ? Path.Combine(repository, "docs", "benchmarks.md") : null);
var machine = Machine.Describe();
var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();

var figures = new List<Figure>(Selected("In-process") ? InProcessBenchmarks.Run(quick) : []);
var harnesses = new Harnesses(repository, quick, timeout);
figures.AddRange(await Measured("Runtime start", "bench/runtime-start.sh", harnesses.RuntimeStartAsync));
figures.AddRange(await Measured("Local registration", "bench/Substra.Sdk.Local.Bench", harnesses.LocalRegistrationAsync));
figures.AddRange(await Measured("Wait latency", "bench/Substra.Sdk.Local.Bench wait", harnesses.WaitLatencyAsync));
figures.AddRange(await Measured("Per-task overhead, subprocess", "bench/Substra.Sdk.Local.Bench", harnesses.LocalOverheadAsync));
figures.AddRange(await Measured("Per-task overhead, Docker", "bench/Substra.Sdk.Docker.Bench", harnesses.DockerAsync));
figures.AddRange(await Measured("No-op incremental build", "bench/build-noop.sh", harnesses.BuildNoopAsync));
figures.AddRange(await Measured("Remote submission", "bench/Substra.Sdk.Remote.Bench", harnesses.RemoteAsync));
figures.AddRange(await Measured("FedAvg plan wall time", "bench/Substra.Sdk.Local.Bench fedavg", harnesses.FedAvgAsync));
figures.AddRange(await Measured("Python opener bridge", "bench/python-opener.sh", harnesses.PythonOpenerAsync));

var page = ResultsPage.Render(machine, started, clock.Elapsed, quick, figures);
Console.WriteLine(page);
if (output is not null)
{
    File.WriteAllText(output, page);
    Console.WriteLine($"Written to {output}");
}

return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

bool Selected(string name) => only is null || name.Contains(only, StringComparison.OrdinalIgnoreCase);

// A harness that fails must not lose the other figures: its rows say why instead.
async Task<IReadOnlyList<Figure>> Measured(string name, string source, Func<Task<IReadOnlyList<Figure>>> measure)
{
    if (!Selected(name))
    {
        return [];
    }

    try
    {
        return await measure();
    }
    catch (Exception exception) when (exception is FormatException or InvalidOperationException or System.ComponentModel.Win32Exception)
    {
        return [Figure.NotMeasured(name, exception.Message.Split('\n')[0].Replace('|', '/'), source: source)];
    }
}

static string FindRepository()
{
    for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Substra.Framework.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run the benchmarks from inside the Substra.Framework repository (no Substra.Framework.sln found above the current directory).");
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Substra.Samples.FedAvg;
using Substra.Sdk;
using Substra.Sdk.Backends;
using Substra.Sdk.Local;
using Substra.Sdk.Local.Bench;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Platform;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;

// Local backend figures: registration time and memory of large plans, per-task overhead of real C# and Python tasks,
// wall time of a FedAvg plan.
// Usage: dotnet run -c Release --project bench/Substra.Sdk.Local.Bench -- [registration|wait|overhead|fedavg|archives|inputs|all]
//   [--python /usr/bin/python3] [--tasks 200] [--language csharp|python|both] [--orgs 10] [--rounds 10] [--parallelism N]
//   [--functions DIR]   fedavg: a substra/ folder whose function archives replace the sample's (e.g. a native build)
const string Usage = "Usage: dotnet run -c Release --project bench/Substra.Sdk.Local.Bench -- [registration|wait|overhead|fedavg|archives|inputs|all] " +
    "[--python PATH] [--tasks N] [--language csharp|python|both] [--orgs N] [--rounds N] [--parallelism N] [--functions DIR]";
var mode = args.FirstOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var python = Option("--python") ?? "/usr/bin/python3";
var taskCount = Count("--tasks", 200);
var language = Option("--language") ?? "both";
var organisations = Count("--orgs", 10);
var rounds = Count("--rounds", 10);
int? fedAvgParallelism = Option("--parallelism") is null ? null : Count("--parallelism", 0);
var fedAvgFunctions = Option("--functions");
if (mode is not ("registration" or "wait" or "overhead" or "fedavg" or "archives" or "inputs" or "all"))
{
    Console.Error.WriteLine($"Unknown mode '{mode}'. {Usage}");
    return 2;
}

if (language is not ("csharp" or "python" or "both"))
{
    Console.Error.WriteLine($"Unknown --language '{language}': use csharp, python or both. {Usage}");
    return 2;
}

var dotnetHost = DotnetHost();
var root = Path.Combine(Path.GetTempPath(), "substra-local-bench", Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(root);
Console.WriteLine($"# Substra local backend bench — {Environment.ProcessorCount} CPUs, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
try
{
    if (mode is "registration" or "all")
    {
        // The durable store (the default) and the in-memory one, side by side in one run, each size in a fresh workspace.
        // Both are warmed up first, until the JIT has optimised the registration path (tiered compilation), so that the
        // store measured first is not the one that pays for it.
        for (var i = 0; i < 10; i++)
        {
            await RegistrationAsync(10_000, inMemory: i % 2 == 1, warmUp: true);
        }

        foreach (var inMemory in new[] { false, true })
        {

            // Five runs of 10,000 tasks, then the median one again as the figure (a single run moves by ±50 ms on a busy VM).
            var runs = new List<(double Wall, string Line)>();
            for (var i = 0; i < 5; i++)
            {
                runs.Add(await RegistrationAsync(10_000, inMemory));
                Console.WriteLine(runs[^1].Line);
            }

            Console.WriteLine(runs.OrderBy(run => run.Wall).ElementAt(runs.Count / 2).Line.Replace(" store)", " store; the median of 5 runs)", StringComparison.Ordinal));

            // Three runs of 100,000 tasks, each printed, then the median one as the figure with all three walls: the first
            // also pays for the memory the process touches for the first time and for code the JIT is still optimising.
            var large = new List<(double Wall, string Line)>();
            for (var i = 0; i < 3; i++)
            {
                large.Add(await RegistrationAsync(100_000, inMemory, reopen: !inMemory && i == 2));
                Console.WriteLine(large[^1].Line);
            }

            var walls = string.Join(", ", large.Select(run => run.Wall.ToString("F0", CultureInfo.InvariantCulture)));
            Console.WriteLine(large.OrderBy(run => run.Wall).ElementAt(1).Line.Split('\n')[0]
                .Replace(" store)", $" store; the median of 3 runs: {walls} ms in order)", StringComparison.Ordinal));
        }
    }

    if (mode is "wait" or "all")
    {
        Console.WriteLine(await WaitLatencyAsync(10));
    }

    if (mode is "overhead" or "all")
    {
        foreach (var (name, archive) in FunctionArchives())
        {
            var (startupAsync, overheadAsync) = await OverheadBackendAsync(name, archive);
            // The plan runs in segments, each between two timings of the process alone, so that a drift of the machine's
            // speed over the minutes of a run hits both sides alike.
            var segments = taskCount >= 40 ? 4 : 1;
            var segmentTasks = taskCount / segments;
            var startupRuns = Math.Max(2, segmentTasks / 4);
            // The first plan of a process runs the platform's per-task code unoptimised (tier-0 JIT, promoted after ~30
            // calls): measured on its own, then out of the way, so that the figures below are the steady state.
            var coldTasks = Math.Min(60, Math.Max(taskCount, 2));
            var (coldWall, _, coldCpu) = await overheadAsync("chain", 1, coldTasks);
            Console.WriteLine(
                $"first plan in a fresh process: {coldTasks} chain tasks of {name} at parallelism 1 took {coldWall:F1} ms wall per task, " +
                $"{coldCpu:F1} ms of this process's CPU per task");

            // Every path the rows below run (both shapes at both parallelisms, the process alone one and two at a time),
            // once and unreported: the JIT is still optimising them after the first plan, and that work would otherwise
            // land in the first row.
            foreach (var shape in new[] { "chain", "fan-out" })
            {
                foreach (var parallelism in new[] { 1, 2 })
                {
                    await overheadAsync(shape, parallelism, Math.Min(segmentTasks, 20));
                }
            }

            await startupAsync(startupRuns, 1);
            await startupAsync(startupRuns, 2);
            foreach (var shape in new[] { "chain", "fan-out" })
            {
                foreach (var parallelism in new[] { 1, 2 })
                {
                    // Overhead = what the backend adds to running the very same processes with the same concurrency: a
                    // chain runs one task at a time whatever the parallelism, a fan-out keeps `parallelism` slots busy.
                    // (wall per task − the processes' own wall per run at that concurrency) × slots is the time per task
                    // that a worker slot spends outside the function process.
                    var slots = shape == "chain" ? 1 : parallelism;
                    double wallPerTask = 0, spawnPerTask = 0, alone = 0, hostCpuPerTask = 0;
                    var before = await startupAsync(startupRuns, slots);
                    for (var segment = 0; segment < segments; segment++)
                    {
                        var (wall, spawn, hostCpu) = await overheadAsync(shape, parallelism, segmentTasks);
                        hostCpuPerTask += hostCpu / segments;
                        var after = await startupAsync(startupRuns, slots);
                        wallPerTask += wall / segments;
                        spawnPerTask += spawn / segments;
                        alone += (before + after) / 2 / segments;
                        before = after;
                    }

                    var overheadPerTask = (wallPerTask - alone) * slots;
                    Console.WriteLine(
                        $"{segments * segmentTasks} {shape} tasks, {name}, parallelism {parallelism}: {wallPerTask:F1} ms wall per task; in the spawner (process included) " +
                        $"{spawnPerTask:F1} ms per task; function process alone {alone:F1} ms wall per run ({(segments + 1) * startupRuns} runs of the same command line, " +
                        $"{slots} at a time, around each of {segments} plan segments); overhead minus the process start-up {overheadPerTask:F1} ms per task " +
                        $"((wall per task - process alone) x {slots} busy slot(s)); this process's CPU {hostCpuPerTask:F1} ms per task");
                }
            }
        }
    }

    if (mode is "fedavg" or "all")
    {
        await FedAvgBench.RunAsync(root, organisations, rounds, fedAvgParallelism, fedAvgFunctions);
    }

    if (mode is "archives" or "all")
    {
        await ArchiveBench.RunAsync(root);
    }

    if (mode is "inputs")
    {
        await InputsBench.RunAsync(root);
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int Count(string name, int fallback)
{
    var text = Option(name);
    if (text is null)
    {
        return fallback;
    }

    if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
    {
        return value;
    }

    Console.Error.WriteLine($"{name} must be a positive whole number, not '{text}'. {Usage}");
    Environment.Exit(2);
    return 0;
}

// The spawner's own choice (SubprocessSpawnerOptions.DotnetHost left null), made once and given to both the spawner and
// the direct runs so that both run the same host.
static string DotnetHost()
{
    if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
    {
        return hostPath;
    }

    if (Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
    {
        return processPath;
    }

    return Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } dotnetRoot && File.Exists(Path.Combine(dotnetRoot, "dotnet"))
        ? Path.Combine(dotnetRoot, "dotnet")
        : "dotnet";
}

IEnumerable<(string Name, string Archive)> FunctionArchives()
{
    if (language is "csharp" or "both")
    {
        string archive;
        try
        {
            archive = SubstraArtifacts.Function("copy").Archive;
            if (!File.Exists(archive))
            {
                throw new FileNotFoundException($"The C# trivial function's archive '{archive}' does not exist.", archive);
            }
        }
        catch (FileNotFoundException missing)
        {
            throw new InvalidOperationException(
                $"{missing.Message} The C# trivial function is built by: dotnet build -c Release bench/Substra.Sdk.Local.Bench", missing);
        }

        yield return ("C#", archive);
    }

    if (language is "python" or "both")
    {
        yield return ("Python", PythonCopyArchive());
    }
}

LocalBackendSettings Settings(int parallelism) => new()
{
    BackendType = BackendType.LocalSubprocess,
    WorkspaceDirectory = Path.Combine(root, "local-worker"),
    PythonInterpreter = python,
    MaxParallelTasks = parallelism,
    LoggerFactory = NullLoggerFactory.Instance,
};

async Task<string> NoopFunctionAsync(IBackend backend, bool withData)
{
    var folder = Path.Combine(root, "function");
    var description = Path.Combine(folder, "description.md");
    var archive = BenchFunctions.NoopArchive(folder);
    File.WriteAllText(description, "noop");
    IReadOnlyList<FunctionInputSpec> inputs = withData
        ? [
            new() { Identifier = "opener", Kind = AssetKind.DataManager },
            new() { Identifier = "datasamples", Kind = AssetKind.DataSample, Multiple = true },
            new() { Identifier = "models", Kind = AssetKind.Model, Multiple = true, Optional = true },
        ]
        : [new() { Identifier = "models", Kind = AssetKind.Model, Multiple = true, Optional = true }];
    return await backend.AddFunctionAsync(new FunctionSpec
    {
        Name = "noop", File = archive, Description = description, Permissions = Permissions.PublicAccess, Inputs = inputs,
        Outputs = [new() { Identifier = "model", Kind = AssetKind.Model }],
    }, CancellationToken.None);
}

// How long a wait takes to return once its plan is done: the time from the task's DONE event (raised once the state is
// committed) to the return of WaitComputePlanAsync, with the default polling period, over plans of one no-op task.
async Task<string> WaitLatencyAsync(int plans)
{
    var workspace = Path.Combine(root, "wait");
    await using var platform = LocalPlatform.Open(new LocalPlatformOptions { WorkspaceDirectory = workspace, PythonInterpreter = python });
    var backend = ((ILocalBackendFactory)platform).Create(Settings(1) with { WorkspaceDirectory = workspace, ClientName = "org-1" });
    await using var client = new SubstraClient(backend, NullLoggerFactory.Instance);
    var org = (await client.OrganizationInfoAsync()).OrganizationId;
    var function = await NoopFunctionAsync(backend, withData: false);
    var latencies = new List<double>();
    long doneAt = 0;
    client.TaskStateChanged += (_, change) =>
    {
        if (change.Status == Substra.Sdk.ComputeTaskStatus.Done)
        {
            Interlocked.Exchange(ref doneAt, Stopwatch.GetTimestamp());
        }
    };
    for (var i = 0; i <= plans; i++)
    {
        var spec = new ComputePlanSpec
        {
            Name = "wait",
            Tasks = [new() { TaskId = Guid.NewGuid().ToString(), FunctionKey = function, Worker = org,
                Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = new() { Permissions = Permissions.PublicAccess } } }],
        };
        await client.AddComputePlanAsync(spec);
        await client.WaitComputePlanAsync(spec.Key);
        var returned = Stopwatch.GetTimestamp();
        if (i > 0)
        {
            // The first plan warms up the function and the JIT.
            latencies.Add(Stopwatch.GetElapsedTime(Interlocked.Read(ref doneAt), returned).TotalMilliseconds);
        }
    }

    latencies.Sort();
    return $"wait latency after a plan ends: median {latencies[latencies.Count / 2]:F1} ms, max {latencies[^1]:F1} ms over {plans} plans (polling period 2 s)";
}

// FedAvg-shaped plan: rounds of 9 train tasks (data inputs + the previous aggregate) and 1 aggregate. The plan is
// canceled as soon as it is registered (one worker: at most one task starts).
async Task<(double Wall, string Line)> RegistrationAsync(int taskCount, bool inMemory, bool warmUp = false, bool reopen = false)
{
    var workspace = Path.Combine(root, "registration", Guid.NewGuid().ToString("N"));
    var store = inMemory ? "in-memory" : "durable";
    var platform = LocalPlatform.Open(new LocalPlatformOptions { WorkspaceDirectory = workspace, InMemory = inMemory, MaxParallelTasks = 1, PythonInterpreter = python });
    var phases = new RegistrationPhases();
    var backend = ((ILocalBackendFactory)platform).Create(Settings(1) with { WorkspaceDirectory = workspace, ClientName = "org-1", LoggerFactory = phases });
    var client = new SubstraClient(backend, NullLoggerFactory.Instance);
    var org = (await backend.GetOrganizationInfoAsync(CancellationToken.None)).OrganizationId;
    var train = await NoopFunctionAsync(backend, withData: true);
    var aggregate = await NoopFunctionAsync(backend, withData: false);
    var opener = Path.Combine(root, "opener.py");
    File.WriteAllText(opener, "class Opener: pass\n");
    var datasetDescription = Path.Combine(root, "dataset.md");
    File.WriteAllText(datasetDescription, "d");
    var dataset = await backend.AddDatasetAsync(new DatasetSpec
    {
        Name = "d", DataOpener = opener, Description = datasetDescription, Permissions = Permissions.PublicAccess, LogsPermission = Permissions.PublicAccess,
    }, CancellationToken.None);
    var sampleFolder = Path.Combine(root, "sample");
    Directory.CreateDirectory(sampleFolder);
    var sample = (await backend.AddDataSamplesAsync(new DataSampleSpec { Path = sampleFolder, DataManagerKeys = [dataset] }, true, CancellationToken.None))[0];
    var output = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = new() { Permissions = Permissions.PublicAccess } };

    var tasks = new List<ComputePlanTaskSpec>(taskCount);
    string? previous = null;
    var rounds = taskCount / 10;
    for (var round = 0; round < rounds; round++)
    {
        var trains = new List<string>(9);
        for (var i = 0; i < 9; i++)
        {
            var key = Guid.NewGuid().ToString();
            trains.Add(key);
            tasks.Add(new ComputePlanTaskSpec
            {
                TaskId = key, FunctionKey = train, Worker = org,
                Inputs = previous is null
                    ? [InputRef.FromAsset("opener", dataset), InputRef.FromAsset("datasamples", sample)]
                    : [InputRef.FromAsset("opener", dataset), InputRef.FromAsset("datasamples", sample), InputRef.FromParentTask("models", previous, "model")],
                Outputs = output,
                Metadata = new Dictionary<string, string> { ["round_idx"] = round.ToString(CultureInfo.InvariantCulture) },
            });
        }

        previous = Guid.NewGuid().ToString();
        tasks.Add(new ComputePlanTaskSpec
        {
            TaskId = previous, FunctionKey = aggregate, Worker = org,
            Inputs = trains.Select(key => InputRef.FromParentTask("models", key, "model")).ToList(), Outputs = output,
        });
    }

    var spec = new ComputePlanSpec { Name = $"{taskCount} tasks", Tasks = tasks };
    GC.Collect();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var faultsBefore = MinorPageFaults();
    var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    var pauseBefore = GC.GetTotalPauseDuration();
    var stopwatch = Stopwatch.StartNew();
    var plan = await client.AddComputePlanAsync(spec, autoBatching: false);
    stopwatch.Stop();
    var pause = GC.GetTotalPauseDuration() - pauseBefore;
    var collections = (GC.CollectionCount(0) - collectionsBefore.Item1, GC.CollectionCount(1) - collectionsBefore.Item2, GC.CollectionCount(2) - collectionsBefore.Item3);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    var faults = MinorPageFaults() - faultsBefore;
    var specOnly = Stopwatch.StartNew();
    spec.Validate();
    specOnly.Stop();
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    using var process = Process.GetCurrentProcess();
    var line = warmUp
        ? ""
        : $"registration of {plan.TaskCount} tasks (client: validate, rank, register; {store} store): {stopwatch.Elapsed.TotalMilliseconds:F0} ms wall, " +
            $"{cpu.TotalMilliseconds:F0} ms CPU (of which the client's spec validation {specOnly.Elapsed.TotalMilliseconds:F0} ms wall); " +
            $"allocated {allocated / 1024 / 1024} MiB; {faults} page faults; GC pauses {pause.TotalMilliseconds:F0} ms ({collections.Item1} gen0, {collections.Item2} gen1, {collections.Item3} gen2 collections); process peak working set {process.PeakWorkingSet64 / 1024 / 1024} MiB; plan {plan.Status.ToWireName()}; " +
            $"backend phases {phases.Last}";

    await backend.CancelComputePlanAsync(spec.Key, CancellationToken.None);
    await backend.DisposeAsync();
    await platform.DisposeAsync();
    if (reopen)
    {
        // Reopening the workspace that now holds the plan: load, rebuild the indexes, resume (nothing left to run).
        var reopenings = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var opening = Stopwatch.StartNew();
            await using var reopened = LocalPlatform.Open(new LocalPlatformOptions { WorkspaceDirectory = workspace, PythonInterpreter = python });
            reopenings.Add(opening.Elapsed.TotalMilliseconds);
        }

        line += $"\nreopen of a workspace holding {plan.TaskCount} tasks: {reopenings.Order().ElementAt(1):F0} ms (median of 3; {string.Join(", ", reopenings.Select(ms => ms.ToString("F0", CultureInfo.InvariantCulture)))} ms)";
    }

    return (stopwatch.Elapsed.TotalMilliseconds, line);
}

// Memory the process touches for the first time (fresh GC regions, SQLite's cache): each is a page fault, and on a
// virtual machine a costly one, so the figure goes next to the time.
static long MinorPageFaults()
{
    // /proc/self/stat: the fields after the command's closing parenthesis; minflt is the 10th field of the line.
    var stat = File.ReadAllText("/proc/self/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return long.Parse(fields[7], CultureInfo.InvariantCulture);
}

string PythonCopyArchive() => BenchFunctions.CopyArchive(Path.Combine(root, "copy-function"));

// `copy` (C# or Python): one model input, one model output. The Python one's input is optional so that it can seed the
// first model.
async Task<string> CopyFunctionAsync(IBackend backend, string archive, bool optionalInput)
{
    var description = Path.Combine(root, "copy-function", "description.md");
    Directory.CreateDirectory(Path.GetDirectoryName(description)!);
    File.WriteAllText(description, "copy");
    return await backend.AddFunctionAsync(new FunctionSpec
    {
        Name = "copy", File = archive, Description = description, Permissions = Permissions.PublicAccess,
        Inputs = [new() { Identifier = "model", Kind = AssetKind.Model, Optional = optionalInput }],
        Outputs = [new() { Identifier = "model", Kind = AssetKind.Model }],
    }, CancellationToken.None);
}

// One workspace per function language. A first run leaves a copy of its warm-up task (it has a parent model, as the
// measured tasks do), whose command line is then run alone to time the function process.
async Task<(Func<int, int, Task<double>> StartupAsync, Func<string, int, int, Task<(double WallPerTask, double SpawnPerTask, double HostCpuPerTask)>> OverheadAsync)> OverheadBackendAsync(
    string name, string archive)
{
    var folder = Path.Combine(root, "overhead-" + (name == "C#" ? "csharp" : "python"));
    var capture = Path.Combine(folder, "captured-task");
    var spawnerOptions = new SubprocessSpawnerOptions
    {
        WorkspaceDirectory = Path.Combine(folder, "local-worker"), PythonInterpreter = python, DotnetHost = dotnetHost,
    };
    await RunPlanAsync(spawnerOptions, archive, "chain", 1, 1, capture);
    var process = FunctionProcess.FromArchive(archive, Path.Combine(folder, "unpacked"), dotnetHost, python);
    return ((runs, concurrency) => process.WallPerRunMillisecondsAsync(capture, runs, concurrency),
        (shape, parallelism, count) => RunPlanAsync(spawnerOptions, archive, shape, parallelism, count, captureFolder: null));
}

async Task<(double WallPerTask, double SpawnPerTask, double HostCpuPerTask)> RunPlanAsync(
    SubprocessSpawnerOptions spawnerOptions, string archive, string shape, int parallelism, int count, string? captureFolder)
{
    var settings = Settings(parallelism) with { WorkspaceDirectory = spawnerOptions.WorkspaceDirectory };
    var spawner = new TimedSpawner(new SubprocessSpawner(spawnerOptions));
    await using var platform = LocalPlatform.Open(new LocalPlatformOptions
    {
        WorkspaceDirectory = settings.WorkspaceDirectory, MaxParallelTasks = parallelism, Spawner = spawner, LoggerFactory = settings.LoggerFactory,
    });
    await using var backend = ((ILocalBackendFactory)platform).Create(settings);
    var org = (await backend.GetOrganizationInfoAsync(CancellationToken.None)).OrganizationId;
    var seedFunction = await CopyFunctionAsync(backend, PythonCopyArchive(), optionalInput: true);
    var function = archive == PythonCopyArchive() ? seedFunction : await CopyFunctionAsync(backend, archive, optionalInput: false);
    var output = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = new() { Permissions = Permissions.PublicAccess } };

    // The seed (a Python copy without input) writes the first 1 KB model; the warm-up task unpacks the archive.
    var seed = await backend.AddTaskAsync(new TaskSpec { FunctionKey = seedFunction, Worker = org, Outputs = output }, CancellationToken.None);
    await WaitAsync(backend, (await backend.GetTaskAsync(seed, CancellationToken.None)).ComputePlanKey);
    spawner.CaptureFolder = captureFolder;
    var warm = await backend.AddTaskAsync(
        new TaskSpec { FunctionKey = function, Worker = org, Outputs = output, Inputs = [InputRef.FromParentTask("model", seed, "model")] },
        CancellationToken.None);
    var warmPlan = await WaitAsync(backend, (await backend.GetTaskAsync(warm, CancellationToken.None)).ComputePlanKey);
    spawner.CaptureFolder = null;
    if (warmPlan.Status != ComputePlanStatus.Done)
    {
        throw new InvalidOperationException($"The warm-up task of {archive} ended {warmPlan.Status}: {await backend.GetLogsAsync(warm, CancellationToken.None)}");
    }

    var tasks = new List<ComputePlanTaskSpec>(count);
    string? previous = null;
    for (var i = 0; i < count; i++)
    {
        var key = Guid.NewGuid().ToString();
        // A fan-out's tasks all read the seed's model, registered before: every one of them is ready at once.
        var parent = shape == "chain" ? previous ?? seed : seed;
        tasks.Add(new ComputePlanTaskSpec
        {
            TaskId = key, FunctionKey = function, Worker = org, Outputs = output, Inputs = [InputRef.FromParentTask("model", parent, "model")],
        });
        previous = key;
    }

    var spec = new ComputePlanSpec { Name = shape, Tasks = tasks };
    var spawnedBefore = spawner.Total;
    // This process's own CPU time (not its children's): what the platform spends per task, which a loaded machine does not inflate as much as wall time.
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var stopwatch = Stopwatch.StartNew();
    await backend.AddComputePlanAsync(spec, BatchingOptions.Default, CancellationToken.None);
    var plan = await WaitAsync(backend, spec.Key);
    stopwatch.Stop();
    var hostCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    if (plan.Status != ComputePlanStatus.Done)
    {
        throw new InvalidOperationException($"The {shape} plan ended {plan.Status}.");
    }

    return (stopwatch.Elapsed.TotalMilliseconds / count, (spawner.Total - spawnedBefore).TotalMilliseconds / count, hostCpu.TotalMilliseconds / count);
}

// The client's wait, as users wait: event-driven on a local platform (no polling that would keep this process busy
// while the function process starts).
static Task<Substra.Sdk.Models.ComputePlan> WaitAsync(IBackend backend, string key) =>
    new SubstraClient(backend, NullLoggerFactory.Instance).WaitComputePlanAsync(key, raiseOnFailure: false);

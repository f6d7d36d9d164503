using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Substra.Sdk;
using Substra.Sdk.Backends;
using Substra.Sdk.Local;
using Substra.Sdk.Local.Bench;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;

// Local backend figures: registration time and memory of large plans, per-task overhead of real Python tasks.
// Usage: dotnet run -c Release --project bench/Substra.Sdk.Local.Bench -- [registration|overhead|all] [--python /usr/bin/python3] [--tasks 200]
var mode = args.FirstOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var python = Option("--python") ?? "/usr/bin/python3";
var taskCount = int.Parse(Option("--tasks") ?? "200", CultureInfo.InvariantCulture);
var root = Path.Combine(Path.GetTempPath(), "substra-local-bench", Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(root);
Console.WriteLine($"# Substra local backend bench — {Environment.ProcessorCount} CPUs, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
try
{
    if (mode is "registration" or "all")
    {
        // Warm-up until the JIT has optimised the registration path (tiered compilation), then measure.
        for (var i = 0; i < 5; i++)
        {
            await RegistrationAsync(10_000, warmUp: true);
        }

        await RegistrationAsync(10_000);
        await RegistrationAsync(10_000);
        await RegistrationAsync(100_000);
    }

    if (mode is "overhead" or "all")
    {
        var startup = PythonStartup(20);
        Console.WriteLine($"python start-up (the function process alone): {startup:F1} ms");
        foreach (var shape in new[] { "chain", "fan-out" })
        {
            foreach (var parallelism in new[] { 1, 2 })
            {
                var (perTask, spawnPerTask) = await OverheadAsync(shape, parallelism, taskCount);
                Console.WriteLine(
                    $"{taskCount} {shape} tasks, parallelism {parallelism}: {perTask:F1} ms wall per task; in the spawner (process included) " +
                    $"{spawnPerTask:F1} ms per task; scheduler and outputs overhead {perTask - spawnPerTask / parallelism:F1} ms per task");
            }
        }
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
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

// FedAvg-shaped plan: rounds of 9 train tasks (data inputs + the previous aggregate) and 1 aggregate. The plan is
// canceled as soon as it is registered (one worker: at most one task starts).
async Task RegistrationAsync(int taskCount, bool warmUp = false)
{
    await using var backend = new LocalBackendFactory().Create(Settings(1));
    await using var client = new SubstraClient(backend, NullLoggerFactory.Instance);
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
    var stopwatch = Stopwatch.StartNew();
    var plan = await client.AddComputePlanAsync(spec, autoBatching: false);
    stopwatch.Stop();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    var specOnly = Stopwatch.StartNew();
    spec.Validate();
    specOnly.Stop();
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    using var process = Process.GetCurrentProcess();
    if (!warmUp)
    {
        Console.WriteLine(
            $"registration of {plan.TaskCount} tasks (client: validate, rank, register): {stopwatch.Elapsed.TotalMilliseconds:F0} ms wall, " +
            $"{cpu.TotalMilliseconds:F0} ms CPU (of which the client's spec validation {specOnly.Elapsed.TotalMilliseconds:F0} ms wall); " +
            $"allocated {allocated / 1024 / 1024} MiB; process peak working set {process.PeakWorkingSet64 / 1024 / 1024} MiB; plan {plan.Status.ToWireName()}");
    }

    await backend.CancelComputePlanAsync(spec.Key, CancellationToken.None);
}

double PythonStartup(int runs)
{
    var script = BenchFunctions.ScriptFile(Path.Combine(root, "startup"));
    var args = Path.Combine(root, "startup", "arguments.txt");
    var output = Path.Combine(root, "startup", "out");
    File.WriteAllText(args, $"--function-name\nnoop\n--outputs\n[{{\"id\": \"model\", \"value\": \"{output}\", \"multiple\": false}}]");
    var stopwatch = Stopwatch.StartNew();
    for (var i = 0; i < runs; i++)
    {
        using var process = Process.Start(new ProcessStartInfo(python) { ArgumentList = { script, "@" + args }, UseShellExecute = false })!;
        process.WaitForExit();
    }

    return stopwatch.Elapsed.TotalMilliseconds / runs;
}

async Task<(double PerTask, double SpawnPerTask)> OverheadAsync(string shape, int parallelism, int count)
{
    var settings = Settings(parallelism);
    var spawner = new TimedSpawner(new SubprocessSpawner(new SubprocessSpawnerOptions { WorkspaceDirectory = settings.WorkspaceDirectory!, PythonInterpreter = python }));
    await using var backend = new LocalBackendFactory().Create(settings, spawner);
    var org = (await backend.GetOrganizationInfoAsync(CancellationToken.None)).OrganizationId;
    var function = await NoopFunctionAsync(backend, withData: false);
    var output = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = new() { Permissions = Permissions.PublicAccess } };

    // Warm-up: unpacks the archive once.
    var warm = await backend.AddTaskAsync(new TaskSpec { FunctionKey = function, Worker = org, Outputs = output }, CancellationToken.None);
    await WaitAsync(backend, (await backend.GetTaskAsync(warm, CancellationToken.None)).ComputePlanKey);

    var tasks = new List<ComputePlanTaskSpec>(count);
    var root = Guid.NewGuid().ToString();
    string? previous = null;
    for (var i = 0; i < count; i++)
    {
        var key = i == 0 ? root : Guid.NewGuid().ToString();
        var parent = shape == "chain" ? previous : i == 0 ? null : root;
        tasks.Add(new ComputePlanTaskSpec
        {
            TaskId = key, FunctionKey = function, Worker = org, Outputs = output,
            Inputs = parent is null ? [] : [InputRef.FromParentTask("models", parent, "model")],
        });
        previous = key;
    }

    var spec = new ComputePlanSpec { Name = shape, Tasks = tasks };
    var spawnedBefore = spawner.Total;
    var stopwatch = Stopwatch.StartNew();
    await backend.AddComputePlanAsync(spec, BatchingOptions.Default, CancellationToken.None);
    var plan = await WaitAsync(backend, spec.Key);
    stopwatch.Stop();
    if (plan.Status != ComputePlanStatus.Done)
    {
        throw new InvalidOperationException($"The {shape} plan ended {plan.Status}.");
    }

    return (stopwatch.Elapsed.TotalMilliseconds / count, (spawner.Total - spawnedBefore).TotalMilliseconds / count);
}

static async Task<Substra.Sdk.Models.ComputePlan> WaitAsync(IBackend backend, string key)
{
    while (true)
    {
        var plan = await backend.GetComputePlanAsync(key, CancellationToken.None);
        if (plan.Status is ComputePlanStatus.Done or ComputePlanStatus.Failed or ComputePlanStatus.Canceled)
        {
            return plan;
        }

        await Task.Delay(5);
    }
}

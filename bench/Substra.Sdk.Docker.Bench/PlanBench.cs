using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Substra.Sdk.Backends;
using Substra.Sdk.Docker;
using Substra.Sdk.Local;
using Substra.Sdk.Local.Platform;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;

namespace Substra.Sdk.Docker.Bench;

/// <summary>
/// Plans of a trivial Python function on the docker backend of a local platform (the whole path: registration,
/// scheduler, task folders, spawner, outputs kept), next to a bare <c>docker run</c> of the same image and command line.
/// </summary>
internal sealed class PlanBench : IAsyncDisposable
{
    // Copies its model input to its output; without an input it writes 1 KB.
    private const string CopyScript = """
        import json, sys
        args = open(sys.argv[-1][1:]).read().split("\n")
        inputs = [i["value"] for i in json.loads(args[args.index("--inputs") + 1]) if i["id"] == "model"]
        data = open(inputs[0], "rb").read() if inputs else b"\0" * 1024
        for output in json.loads(args[args.index("--outputs") + 1]):
            with open(output["value"], "wb") as f:
                f.write(data)
        """;

    private static readonly Dictionary<string, ComputeTaskOutputSpec> ModelOutput = new() { ["model"] = new() { Permissions = Permissions.PublicAccess } };

    private readonly LocalPlatform _platform;
    private readonly IBackend _backend;
    private readonly string _organisation;
    private readonly string _function;
    private readonly string _seed;

    private PlanBench(LocalPlatform platform, IBackend backend, string organisation, string function, string seed)
    {
        _platform = platform;
        _backend = backend;
        _organisation = organisation;
        _function = function;
        _seed = seed;
    }

    /// <summary>The copy function's archive (made once in <paramref name="folder"/>) and its image tag.</summary>
    public static (string Archive, string Image) MakeArchive(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "copy.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            Write(zip, "Dockerfile", "FROM python:3.11-slim\nCOPY . .\nENTRYPOINT [\"python3\", \"copy.py\", \"--function-name\", \"copy\"]\n");
            Write(zip, "copy.py", CopyScript);
        }

        using var stream = File.OpenRead(path);
        return (path, DockerSpawner.ImageTag(Convert.ToHexStringLower(SHA256.HashData(stream))));
    }

    /// <summary>
    /// A platform running <paramref name="parallelism"/> tasks at once with the docker backend, its function registered,
    /// a seed model made and one warm-up task run (image built, engine connection open); when <paramref name="capture"/>
    /// is set, the warm-up task's folders are copied there. <paramref name="prepareAhead"/>: containers created ahead of
    /// their task (the default) or when it starts.
    /// </summary>
    public static async Task<PlanBench> OpenAsync(string workspace, string archive, int parallelism, string? capture, bool prepareAhead = true)
    {
        var platformId = Guid.NewGuid().ToString("N");
        var spawner = new CapturingSpawner(new DockerSpawner(
            DockerSpawnerOptions.FromEnvironment() with { PlatformId = platformId, PrepareContainersAhead = prepareAhead }));
        var platform = LocalPlatform.Open(new LocalPlatformOptions
        {
            WorkspaceDirectory = workspace, MaxParallelTasks = parallelism, Spawner = spawner, LoggerFactory = NullLoggerFactory.Instance,
        });
        var backend = ((ILocalBackendFactory)platform).Create(new LocalBackendSettings
        {
            BackendType = BackendType.LocalDocker, WorkspaceDirectory = workspace, MaxParallelTasks = parallelism, LoggerFactory = NullLoggerFactory.Instance,
        });
        var organisation = (await backend.GetOrganizationInfoAsync(CancellationToken.None)).OrganizationId;
        var description = Path.Combine(workspace, "description.md");
        await File.WriteAllTextAsync(description, "copy");
        var function = await backend.AddFunctionAsync(new FunctionSpec
        {
            Name = "copy", File = archive, Description = description, Permissions = Permissions.PublicAccess,
            Inputs = [new() { Identifier = "model", Kind = AssetKind.Model, Optional = true }],
            Outputs = [new() { Identifier = "model", Kind = AssetKind.Model }],
        }, CancellationToken.None);
        var seed = await backend.AddTaskAsync(new TaskSpec { FunctionKey = function, Worker = organisation, Outputs = ModelOutput }, CancellationToken.None);
        await ExpectDoneAsync(backend, seed);

        spawner.CaptureFolder = capture;
        var warm = await backend.AddTaskAsync(
            new TaskSpec { FunctionKey = function, Worker = organisation, Outputs = ModelOutput, Inputs = [InputRef.FromParentTask("model", seed, "model")] },
            CancellationToken.None);
        await ExpectDoneAsync(backend, warm);
        return new PlanBench(platform, backend, organisation, function, seed);
    }

    /// <summary>
    /// Wall time per task of a plan of <paramref name="count"/> tasks, from its registration to its end: a chain (each
    /// task reads its parent's model) or a fan-out (every task reads the seed's model, all ready at once).
    /// </summary>
    public async Task<double> MillisecondsPerTaskAsync(string shape, int count)
    {
        var tasks = new List<ComputePlanTaskSpec>(count);
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var key = Guid.NewGuid().ToString();
            var parent = shape == "chain" ? previous ?? _seed : _seed;
            tasks.Add(new ComputePlanTaskSpec
            {
                TaskId = key, FunctionKey = _function, Worker = _organisation, Outputs = ModelOutput,
                Inputs = [InputRef.FromParentTask("model", parent, "model")],
            });
            previous = key;
        }

        var spec = new ComputePlanSpec { Name = shape, Tasks = tasks };
        var watch = Stopwatch.StartNew();
        await _backend.AddComputePlanAsync(spec, BatchingOptions.Default, CancellationToken.None);
        var plan = await WaitAsync(_backend, spec.Key);
        watch.Stop();
        if (plan.Status != ComputePlanStatus.Done)
        {
            throw new InvalidOperationException($"The {shape} plan ended {plan.Status} ({plan.DoneCount}/{plan.TaskCount} tasks done).");
        }

        return watch.Elapsed.TotalMilliseconds / count;
    }

    public async ValueTask DisposeAsync()
    {
        await _backend.DisposeAsync();
        await _platform.DisposeAsync();
    }

    private static async Task ExpectDoneAsync(IBackend backend, string taskKey)
    {
        var plan = await WaitAsync(backend, (await backend.GetTaskAsync(taskKey, CancellationToken.None)).ComputePlanKey);
        if (plan.Status != ComputePlanStatus.Done)
        {
            throw new InvalidOperationException($"Task {taskKey} ended {plan.Status}: {await backend.GetLogsAsync(taskKey, CancellationToken.None)}");
        }
    }

    private static async Task<ComputePlan> WaitAsync(IBackend backend, string key)
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

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }
}

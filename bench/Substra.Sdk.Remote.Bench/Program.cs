using System.Diagnostics;
using Substra.Sdk.Backends;
using Substra.Sdk.Remote;
using Substra.Sdk.Remote.Tests.Platform;
using Substra.Sdk.Schemas;

// Figures of the remote backend against the loopback fake platform (not part of the test run):
//   1. requests and wall time to submit a 10,000-task plan (batch size 500);
//   2. download throughput of a 200 MB model streamed to disk.
// Usage: dotnet run -c Release --project bench/Substra.Sdk.Remote.Bench [-- <tasks> <model MB> <repeats>]
var taskCount = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var modelMegabytes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
var repeats = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;

await using var platform = await FakePlatform.StartAsync();
platform.RecordBodies = false;
var work = Directory.CreateTempSubdirectory("substra-remote-bench-").FullName;
try
{
    await using var backend = new RemoteBackend(new RemoteConnectionSettings(platform.BaseUrl));
    var archive = Path.Combine(work, "function.zip");
    var description = Path.Combine(work, "description.md");
    await File.WriteAllTextAsync(archive, "archive");
    await File.WriteAllTextAsync(description, "# bench");
    var function = await backend.AddFunctionAsync(
        new FunctionSpec { Name = "train", File = archive, Description = description, Permissions = Permissions.PublicAccess }, CancellationToken.None);

    Console.WriteLine($"Plan of {taskCount} tasks (a chain, given in reverse order, so ranking matters), batch size 500:");
    for (var run = 1; run <= repeats; run++)
    {
        var tasks = Enumerable.Range(0, taskCount)
            .Select(i => new ComputePlanTaskSpec
            {
                TaskId = $"{run}-{i}",
                FunctionKey = function,
                Worker = "MyOrg1MSP",
                Inputs = i == 0 ? [] : [InputRef.FromParentTask("model", $"{run}-{i - 1}", "model")],
                Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = new() { Permissions = Permissions.PublicAccess } },
            })
            .Reverse()
            .ToArray();
        platform.ClearRequests();
        var stopwatch = Stopwatch.StartNew();
        await backend.AddComputePlanAsync(new ComputePlanSpec { Name = $"bench {run}", Tasks = tasks }, new BatchingOptions(true, 500), CancellationToken.None);
        stopwatch.Stop();
        var requests = platform.Requests;
        Console.WriteLine(
            $"  run {run}: {requests.Count} requests ({requests.Count(r => r.Path == "/compute_plan/")} plan + "
            + $"{requests.Count(r => r.Path == "/task/bulk_create/")} bulk_create) in {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
    }

    var length = modelMegabytes * 1024L * 1024L;
    platform.Store.GeneratedModels["model"] = length;
    Console.WriteLine($"Download of a {modelMegabytes} MB model to disk:");
    for (var run = 1; run <= repeats; run++)
    {
        var destination = Path.Combine(work, $"model_{run}");
        var before = Process.GetCurrentProcess().WorkingSet64;
        var stopwatch = Stopwatch.StartNew();
        await backend.DownloadModelAsync("model", destination, CancellationToken.None);
        stopwatch.Stop();
        var after = Process.GetCurrentProcess().WorkingSet64;
        if (new FileInfo(destination).Length != length)
        {
            throw new InvalidOperationException("The downloaded model has the wrong length.");
        }
        File.Delete(destination);
        Console.WriteLine(
            $"  run {run}: {stopwatch.Elapsed.TotalSeconds:F2} s, {modelMegabytes / stopwatch.Elapsed.TotalSeconds:F0} MB/s, "
            + $"working set {before / 1048576} → {after / 1048576} MB");
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

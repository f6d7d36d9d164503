using Substra.Sdk.Backends;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>Concurrency of the scheduler, observed on real processes (alone: other tests' processes would compete for the CPUs).</summary>
[Collection(nameof(SerialCollection))]
public sealed class ParallelismTests
{
    [Fact]
    public async Task Independent_tasks_run_in_parallel_up_to_the_bound()
    {
        var parallel = await RunTwoSleepsAsync(maxParallelTasks: 2);
        var sequential = await RunTwoSleepsAsync(maxParallelTasks: 1);

        // Two 1 s tasks with two slots overlap and finish together; with one slot they cannot overlap.
        Assert.True(parallel.First.StartDate < parallel.Second.EndDate && parallel.Second.StartDate < parallel.First.EndDate, "the tasks did not overlap");
        var span = Max(parallel.First.EndDate!.Value, parallel.Second.EndDate!.Value) - Min(parallel.First.StartDate!.Value, parallel.Second.StartDate!.Value);
        Assert.True(span < TimeSpan.FromSeconds(1.6), $"two parallel 1 s tasks took {span.TotalSeconds:F2} s: {parallel.First.StartDate:HH:mm:ss.fff}-{parallel.First.EndDate:HH:mm:ss.fff} and {parallel.Second.StartDate:HH:mm:ss.fff}-{parallel.Second.EndDate:HH:mm:ss.fff}");
        Assert.True(sequential.First.EndDate <= sequential.Second.StartDate || sequential.Second.EndDate <= sequential.First.StartDate, "one slot ran two tasks at once");
    }

    private static async Task<(ComputeTask First, ComputeTask Second)> RunTwoSleepsAsync(int maxParallelTasks)
    {
        await using var network = new LocalNetwork(maxParallelTasks: maxParallelTasks);
        var org = await network.OrganizationIdAsync(0);
        var sleep = await network.AddFunctionAsync(0, "sleep_one_second", [], [Output("model", AssetKind.Model)]);
        string first = Guid.NewGuid().ToString(), second = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec { Name = "parallel", Tasks = [Task(first, sleep, org), Task(second, sleep, org)] };

        await network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);
        var plan = await network.WaitForPlanAsync(spec.Key);

        Assert.Equal(ComputePlanStatus.Done, plan.Status);
        return (await network[0].GetTaskAsync(first, None), await network[0].GetTaskAsync(second, None));
    }

    private static ComputePlanTaskSpec Task(string key, string function, string worker) => new()
    {
        TaskId = key,
        FunctionKey = function,
        Worker = worker,
        Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
    };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

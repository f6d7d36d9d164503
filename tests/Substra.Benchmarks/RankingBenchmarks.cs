using System.Globalization;
using BenchmarkDotNet.Attributes;
using Substra.Sdk.Graph;
using Substra.Sdk.Schemas;

namespace Substra.Benchmarks;

/// <summary>
/// The client-side part of registering a compute plan: spec validation, dependency graph, ranks. Registration in the local
/// backend also starts tasks, so the whole registration is measured by the Local harness, not here.
/// </summary>
[MemoryDiagnoser]
public class RankingBenchmarks
{
    private ComputePlanSpec _plan = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup() => _plan = FedAvgPlan.Create(Tasks);

    [Benchmark(Description = "validate + graph + rank")]
    public int ValidateGraphAndRank()
    {
        _plan.Validate();
        var graph = ComputePlanGraph.GetDependencyGraph(_plan.Key, _plan.Tasks);
        var ranks = ComputePlanGraph.ComputeRanks(graph.Dependencies);
        return ComputePlanGraph.OrderByRank(ranks).Count;
    }
}

/// <summary>A FedAvg-shaped plan: rounds of 9 train tasks (data + previous aggregate) and 1 aggregate.</summary>
internal static class FedAvgPlan
{
    public static ComputePlanSpec Create(int taskCount)
    {
        var train = Guid.NewGuid().ToString();
        var aggregate = Guid.NewGuid().ToString();
        var dataset = Guid.NewGuid().ToString();
        var sample = Guid.NewGuid().ToString();
        const string worker = "MyOrg1MSP";
        var output = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = new() { Permissions = Permissions.PublicAccess } };
        var tasks = new List<ComputePlanTaskSpec>(taskCount);
        string? previous = null;
        for (var round = 0; round < taskCount / 10; round++)
        {
            var trains = new List<string>(9);
            for (var i = 0; i < 9; i++)
            {
                var key = Guid.NewGuid().ToString();
                trains.Add(key);
                tasks.Add(new ComputePlanTaskSpec
                {
                    TaskId = key, FunctionKey = train, Worker = worker, Outputs = output,
                    Inputs = previous is null
                        ? [InputRef.FromAsset("opener", dataset), InputRef.FromAsset("datasamples", sample)]
                        : [InputRef.FromAsset("opener", dataset), InputRef.FromAsset("datasamples", sample), InputRef.FromParentTask("models", previous, "model")],
                    Metadata = new Dictionary<string, string> { ["round_idx"] = round.ToString(CultureInfo.InvariantCulture) },
                });
            }

            previous = Guid.NewGuid().ToString();
            tasks.Add(new ComputePlanTaskSpec
            {
                TaskId = previous, FunctionKey = aggregate, Worker = worker, Outputs = output,
                Inputs = trains.Select(key => InputRef.FromParentTask("models", key, "model")).ToList(),
            });
        }

        return new ComputePlanSpec { Name = $"{taskCount} tasks", Tasks = tasks };
    }
}

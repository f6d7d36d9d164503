using System.Security.Cryptography;
using System.Text.Json;
using Substra.Sdk.Filters;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>Train on two organisations, aggregate on a third, evaluate on both: the whole local lifecycle with real processes.</summary>
public sealed class FederatedPlanTests : IAsyncLifetime
{
    private static readonly (double X, double Y)[][] DataA = [[(1, 2), (2, 4)], [(3, 9)]];
    private static readonly (double X, double Y)[][] DataB = [[(1, 10)], [(2, 20)], [(4, 36)]];
    private readonly LocalNetwork _network = new(organizations: 3, maxParallelTasks: 2);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task Three_organisation_plan_runs_to_done_with_models_performances_and_assets()
    {
        var orgA = await _network.OrganizationIdAsync(0);
        var orgB = await _network.OrganizationIdAsync(1);
        var orgC = await _network.OrganizationIdAsync(2);
        Assert.Equal(3, new[] { orgA, orgB, orgC }.Distinct().Count());

        var train = await _network.AddFunctionAsync(2, "train",
            [.. DataInputs, Input("model", AssetKind.Model, optional: true)], [Output("model", AssetKind.Model)]);
        var aggregate = await _network.AddFunctionAsync(2, "aggregate",
            [Input("models", AssetKind.Model, multiple: true)], [Output("model", AssetKind.Model)]);
        var evaluate = await _network.AddFunctionAsync(2, "evaluate",
            [.. DataInputs, Input("model", AssetKind.Model)], [Output("error", AssetKind.Performance), Output("count", AssetKind.Performance)]);
        var (datasetA, samplesA) = await _network.AddDatasetAsync(0, DataA);
        var (datasetB, samplesB) = await _network.AddDatasetAsync(1, DataB);

        var spec = new ComputePlanSpec
        {
            Name = "federated mean",
            Tag = "e2e",
            Metadata = new Dictionary<string, string> { ["experiment"] = "three orgs" },
            Tasks =
            [
                PlanTask("train-a", train, orgA, DataRefs(datasetA, samplesA), "model"),
                PlanTask("train-b", train, orgB, DataRefs(datasetB, samplesB), "model"),
                PlanTask("aggregate", aggregate, orgC,
                    [InputRef.FromParentTask("models", "train-a", "model"), InputRef.FromParentTask("models", "train-b", "model")], "model"),
                PlanTask("evaluate-a", evaluate, orgA, [.. DataRefs(datasetA, samplesA), InputRef.FromParentTask("model", "aggregate", "model")],
                    "error", "count") with { Metadata = new Dictionary<string, string> { ["round_idx"] = "1" } },
                PlanTask("evaluate-b", evaluate, orgB, [.. DataRefs(datasetB, samplesB), InputRef.FromParentTask("model", "aggregate", "model")],
                    "error", "count") with { Metadata = new Dictionary<string, string> { ["round_idx"] = "1" } },
            ],
        };
        var keys = spec.Tasks.ToDictionary(task => task.TaskId, _ => "");
        spec = spec with { Tasks = spec.Tasks.Select(task => Rekey(task, keys)).ToList() };

        var registered = await _network[2].AddComputePlanAsync(spec, Backends.BatchingOptions.Default, None);

        Assert.Equal(ComputePlanStatus.Created, registered.Status);
        Assert.Equal(5, registered.TaskCount);
        Assert.Equal(2, registered.WaitingExecutorSlotCount);
        Assert.Equal(3, registered.WaitingParentTasksCount);
        Assert.Equal(orgC, registered.Owner);

        var plan = await _network.WaitForPlanAsync(spec.Key);
        Assert.Equal(ComputePlanStatus.Done, plan.Status);
        Assert.Equal(5, plan.DoneCount);
        Assert.Equal(0, plan.WaitingExecutorSlotCount + plan.WaitingParentTasksCount + plan.ExecutingCount + plan.FailedCount + plan.CanceledCount);
        Assert.NotNull(plan.StartDate);
        Assert.NotNull(plan.EndDate);
        Assert.True(plan.EndDate >= plan.StartDate);
        Assert.Null(plan.FailedTaskKey);

        var tasks = new Dictionary<string, ComputeTask>();
        foreach (var (id, key) in keys)
        {
            tasks[id] = await _network[0].GetTaskAsync(key, None);
            Assert.Equal(ComputeTaskStatus.Done, tasks[id].Status);
            Assert.True(tasks[id].EndDate >= tasks[id].StartDate);
            Assert.Null(tasks[id].ErrorType);
        }

        Assert.Equal([0, 0, 1, 2, 2], new[] { "train-a", "train-b", "aggregate", "evaluate-a", "evaluate-b" }.Select(id => tasks[id].Rank!.Value));
        Assert.True(tasks["aggregate"].StartDate >= tasks["train-a"].EndDate);
        Assert.True(tasks["aggregate"].StartDate >= tasks["train-b"].EndDate);

        // Independent computation of what the functions compute.
        var meanA = DataA.SelectMany(rows => rows).Average(row => row.Y);
        var meanB = DataB.SelectMany(rows => rows).Average(row => row.Y);
        var aggregated = (meanA + meanB) / 2;
        var performances = await _network[1].GetPerformancesAsync(spec.Key, None);
        Assert.Equal([keys["evaluate-a"], keys["evaluate-a"], keys["evaluate-b"], keys["evaluate-b"]], performances.TaskKey);
        Assert.Equal(["error", "count", "error", "count"], performances.Identifier);
        Assert.Equal([orgA, orgA, orgB, orgB], performances.Worker);
        Assert.Equal([1, 1, 1, 1], performances.RoundIdx);
        Assert.Equal([2, 2, 2, 2], performances.TaskRank);
        Assert.All(performances.ComputePlanStatus, status => Assert.Equal(ComputePlanStatus.Done, status));
        Assert.All(performances.ComputePlanTag, tag => Assert.Equal("e2e", tag));
        double[] expected = [Math.Abs(aggregated - meanA), DataA.SelectMany(rows => rows).Count(), Math.Abs(aggregated - meanB), DataB.SelectMany(rows => rows).Count()];
        Assert.Equal(expected.Length, performances.Performance.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], performances.Performance[i], 9);
        }

        // Models: kept in the content store (files/<sha256>/model) with their checksum, downloadable, and passed on as inputs.
        var trainAOutputs = await _network[0].ListTaskOutputAssetsAsync(keys["train-a"], null, None);
        var trainAModel = Assert.Single(trainAOutputs).Model!;
        Assert.Equal(AssetKind.Model, trainAOutputs[0].Kind);
        Assert.Equal(Path.Combine(_network.Workspace, "files", trainAModel.Address!.Checksum, "model"), trainAModel.Address.StorageAddress);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(trainAModel.Address.StorageAddress))), trainAModel.Address.Checksum);
        Assert.Equal(orgC, trainAModel.Owner);
        var download = Path.Combine(_network.Root, "downloads", $"model_{trainAModel.Key}");
        await _network[0].DownloadModelAsync(trainAModel.Key, download, None);
        Assert.Equal(meanA, JsonDocument.Parse(File.ReadAllText(download)).RootElement.GetProperty("value").GetDouble(), 9);
        Assert.Equal(trainAModel, await _network[1].GetModelAsync(trainAModel.Key, None));

        var aggregateInputs = await _network[2].ListTaskInputAssetsAsync(keys["aggregate"], None);
        Assert.Equal(2, aggregateInputs.Count);
        Assert.All(aggregateInputs, input => Assert.Equal(AssetKind.Model, input.Kind));
        Assert.Equal(trainAModel.Key, aggregateInputs[0].Model!.Key);
        var evaluateInputs = await _network[0].ListTaskInputAssetsAsync(keys["evaluate-a"], None);
        Assert.Equal([AssetKind.DataManager, AssetKind.DataSample, AssetKind.DataSample, AssetKind.Model], evaluateInputs.Select(input => input.Kind));
        var errorOutput = Assert.Single(await _network[0].ListTaskOutputAssetsAsync(keys["evaluate-a"], "error", None));
        Assert.Equal(expected[0], errorOutput.Performance!.Value, 9);

        var models = await _network[0].ListModelsAsync(new ListQuery(new ListFilters
        {
            Values = new Dictionary<string, IReadOnlyList<string>> { ["compute_task_key"] = [keys["train-a"], keys["train-b"], keys["aggregate"]] },
        }), None);
        Assert.Equal(3, models.Count);

        // The live performances file (reference layout and JSON style).
        var live = await File.ReadAllTextAsync(Path.Combine(_network.Workspace, "live_performances", spec.Key, "performances.json"));
        Assert.StartsWith($"{{\"compute_plan_key\": [\"{spec.Key}\", ", live);
        Assert.Contains("\"identifier\": [\"error\", \"count\", \"error\", \"count\"]", live);
        Assert.Contains("\"round_idx\": [1, 1, 1, 1]", live);

        // Run folders are removed (in the background: the client's disposal waits for them); one log per task is kept.
        Assert.Equal(keys.Count, Directory.GetFiles(Path.Combine(_network.Workspace, "logs"), "*.txt").Length);
    }

    private static ComputePlanTaskSpec PlanTask(string id, string function, string worker, IReadOnlyList<InputRef> inputs, params string[] outputs) =>
        new()
        {
            TaskId = id,
            FunctionKey = function,
            Worker = worker,
            Inputs = inputs,
            Outputs = outputs.ToDictionary(output => output, _ => PublicOutput),
        };

    /// <summary>Gives each task a UUID key (as real plans do) and rewires its parents.</summary>
    private static ComputePlanTaskSpec Rekey(ComputePlanTaskSpec task, Dictionary<string, string> keys)
    {
        foreach (var id in keys.Keys.Where(id => keys[id] == ""))
        {
            keys[id] = Guid.NewGuid().ToString();
        }

        return task with
        {
            TaskId = keys[task.TaskId],
            Inputs = task.Inputs!.Select(input => input.ParentTaskKey is { } parent ? input with { ParentTaskKey = keys[parent] } : input).ToList(),
        };
    }
}

using Substra.Sdk.Backends;
using Substra.Sdk.Configuration;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>The local backend through <see cref="SubstraClient"/> with its default factory, as users call it.</summary>
public sealed class ClientEndToEndTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Two_clients_train_evaluate_wait_and_read_performances_logs_and_downloads()
    {
        await using var provider = Client();
        await using var evaluator = Client();
        Assert.Equal(BackendType.LocalSubprocess, provider.BackendMode);
        Assert.StartsWith(_temp.Combine("local-worker") + "/", provider.TemporaryDirectory);
        var providerOrg = (await provider.OrganizationInfoAsync()).OrganizationId;
        var changes = new List<TaskStateChange>();
        evaluator.TaskStateChanged += (_, change) => { lock (changes) { changes.Add(change); } };

        var folder = _temp.Combine("assets");
        var train = await evaluator.AddFunctionAsync(Function(folder, "train", [.. DataInputs, Input("model", AssetKind.Model, optional: true)], [Output("model", AssetKind.Model)]));
        var evaluate = await evaluator.AddFunctionAsync(Function(folder, "evaluate", [.. DataInputs, Input("model", AssetKind.Model)],
            [Output("error", AssetKind.Performance), Output("count", AssetKind.Performance)]));
        var fail = await evaluator.AddFunctionAsync(Function(folder, "fail", [], [Output("model", AssetKind.Model)]));
        var opener = Path.Combine(folder, "opener.py");
        File.Copy(PythonFunctions.OpenerPath, opener);
        var dataset = await provider.AddDatasetAsync(new DatasetSpec
        {
            Name = "provider data", DataOpener = opener, Permissions = Permissions.PublicAccess, LogsPermission = Permissions.PublicAccess,
        });
        var samples = await provider.AddDataSamplesAsync(new DataSampleSpec
        {
            Paths = [PythonFunctions.DataSample(Path.Combine(folder, "s1"), (1, 3)), PythonFunctions.DataSample(Path.Combine(folder, "s2"), (2, 7))],
            DataManagerKeys = [dataset],
        });

        string trained = Guid.NewGuid().ToString(), evaluated = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Name = "client plan",
            Tasks =
            [
                new ComputePlanTaskSpec
                {
                    TaskId = trained, FunctionKey = train, Worker = providerOrg, Inputs = DataRefs(dataset, samples),
                    Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
                },
                new ComputePlanTaskSpec
                {
                    TaskId = evaluated, FunctionKey = evaluate, Worker = providerOrg,
                    Inputs = [.. DataRefs(dataset, samples), InputRef.FromParentTask("model", trained, "model")],
                    Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["error"] = PublicOutput, ["count"] = PublicOutput },
                    Metadata = new Dictionary<string, string> { ["round_idx"] = "0" },
                },
            ],
        };

        await evaluator.AddComputePlanAsync(spec);
        var plan = await evaluator.WaitComputePlanAsync(spec.Key, timeout: TimeSpan.FromMinutes(2), pollingPeriod: TimeSpan.FromMilliseconds(50));
        var performances = await provider.GetPerformancesAsync(spec.Key, waitCompletion: true);

        Assert.Equal(ComputePlanStatus.Done, plan.Status);
        Assert.Equal(["error", "count"], performances.Identifier);
        Assert.Equal([0.0, 2.0], performances.Performance);
        Assert.Equal([0, 0], performances.RoundIdx);
        var model = await provider.DownloadModelFromTaskAsync(trained, "model", _temp.Combine("downloads"));
        Assert.Equal("{\"value\": 5.0}", await File.ReadAllTextAsync(model));
        var archive = await provider.DownloadFunctionAsync(train, _temp.Combine("downloads"));
        Assert.Equal("function.tar.gz", Path.GetFileName(archive));
        Assert.Equal("# train\n", await provider.DescribeFunctionAsync(train));
        lock (changes)
        {
            Assert.Contains(changes, change => change.TaskKey == evaluated && change.Status == ComputeTaskStatus.Done && change.Rank == 1);
        }

        var failing = await evaluator.AddTaskAsync(new TaskSpec
        {
            FunctionKey = fail, Worker = providerOrg, Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
        });
        var failure = await Assert.ThrowsAsync<FutureFailureException>(() =>
            evaluator.WaitTaskAsync(failing, timeout: TimeSpan.FromMinutes(2), pollingPeriod: TimeSpan.FromMilliseconds(50)));
        Assert.StartsWith($"Task {failing} (function 'fail' {fail}, worker {providerOrg}, compute plan ", failure.Message);
        Assert.Contains("failed with EXECUTION_ERROR.\nLast lines of its log:\n", failure.Message);
        Assert.Contains("    boom: this function always fails\n", failure.Message);
        var logs = await provider.DownloadLogsAsync(failing, _temp.Combine("downloads"));
        Assert.Equal($"task_logs_{failing}.txt", Path.GetFileName(logs));
        Assert.Contains("boom: this function always fails", await File.ReadAllTextAsync(logs));
    }

    private SubstraClient Client() => new(new SubstraClientOptions
    {
        BackendType = BackendType.LocalSubprocess,
        WorkspaceDirectory = _temp.Combine("local-worker"),
        PythonInterpreter = SpawnerFixture.Python,
        MaxParallelTasks = 2,
    });

    private static FunctionSpec Function(string folder, string name, IReadOnlyList<FunctionInputSpec> inputs, IReadOnlyList<FunctionOutputSpec> outputs)
    {
        var archive = PythonFunctions.Archive(folder, name);
        var description = Path.Combine(folder, $"{name}.md");
        File.WriteAllText(description, $"# {name}\n");
        return new FunctionSpec { Name = name, File = archive, Description = description, Permissions = Permissions.PublicAccess, Inputs = inputs, Outputs = outputs };
    }
}

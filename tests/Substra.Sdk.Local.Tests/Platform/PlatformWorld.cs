using Substra.Sdk.Local.Platform;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Platform;

/// <summary>
/// A temp folder with a workspace, the Python test functions and a dataset on disk, and helpers that register them with
/// a client of a <see cref="LocalPlatform"/> and build a train → train → evaluate plan.
/// </summary>
public sealed class PlatformWorld : IDisposable
{
    private readonly TempDirectory _temp = new();

    public string Root => _temp.Path;

    public string Workspace => _temp.Combine("local-worker");

    public LocalPlatform Open(bool inMemory = false) =>
        LocalPlatform.Open(new LocalPlatformOptions { WorkspaceDirectory = Workspace, PythonInterpreter = SpawnerFixture.Python, InMemory = inMemory });

    public async Task<string> AddFunctionAsync(SubstraClient client, string name, IReadOnlyList<FunctionInputSpec> inputs, IReadOnlyList<FunctionOutputSpec> outputs)
    {
        var folder = _temp.Combine("functions", Guid.NewGuid().ToString("N"));
        var archive = PythonFunctions.Archive(folder, name);
        var description = Path.Combine(folder, "description.md");
        await File.WriteAllTextAsync(description, $"# {name}\n");
        return await client.AddFunctionAsync(new FunctionSpec
        {
            Name = name, File = archive, Description = description, Permissions = Permissions.PublicAccess, Inputs = inputs, Outputs = outputs,
        });
    }

    public async Task<(string Dataset, string Sample)> AddDatasetAsync(SubstraClient client, params (double X, double Y)[] rows)
    {
        var folder = _temp.Combine("datasets", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var opener = Path.Combine(folder, "opener.py");
        File.Copy(PythonFunctions.OpenerPath, opener);
        var dataset = await client.AddDatasetAsync(new DatasetSpec
        {
            Name = "data", DataOpener = opener, Permissions = Permissions.PublicAccess, LogsPermission = Permissions.PublicAccess,
        });
        var sample = PythonFunctions.DataSample(Path.Combine(folder, "sample"), rows);
        return (dataset, await client.AddDataSampleAsync(new DataSampleSpec { Path = sample, DataManagerKeys = [dataset] }));
    }

    /// <summary>train (slow) → train (slow) → evaluate; returns the plan spec and its three task keys.</summary>
    public async Task<(ComputePlanSpec Plan, string First, string Second, string Evaluation)> ChainAsync(SubstraClient client, string trainFunction = "slow_train")
    {
        var org = (await client.OrganizationInfoAsync()).OrganizationId;
        var train = await AddFunctionAsync(client, trainFunction, [.. DataInputs, Input("model", AssetKind.Model, optional: true)], [Output("model", AssetKind.Model)]);
        var evaluate = await AddFunctionAsync(client, "evaluate", [.. DataInputs, Input("model", AssetKind.Model)],
            [Output("error", AssetKind.Performance), Output("count", AssetKind.Performance)]);
        var (dataset, sample) = await AddDatasetAsync(client, (1, 2), (2, 4));
        string first = Guid.NewGuid().ToString(), second = Guid.NewGuid().ToString(), evaluation = Guid.NewGuid().ToString();
        var data = DataRefs(dataset, [sample]);
        var plan = new ComputePlanSpec
        {
            Name = "chain",
            Tasks =
            [
                new() { TaskId = first, FunctionKey = train, Worker = org, Inputs = data, Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput } },
                new()
                {
                    TaskId = second, FunctionKey = train, Worker = org, Inputs = [.. data, InputRef.FromParentTask("model", first, "model")],
                    Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
                },
                new()
                {
                    TaskId = evaluation, FunctionKey = evaluate, Worker = org, Inputs = [.. data, InputRef.FromParentTask("model", second, "model")],
                    Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["error"] = PublicOutput, ["count"] = PublicOutput },
                },
            ],
        };
        return (plan, first, second, evaluation);
    }

    public void Dispose() => _temp.Dispose();
}

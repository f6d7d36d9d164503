using System.Text.Json;
using Substra.Sdk.Backends;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>C# functions built by <c>dotnet build</c> run locally with this machine's dotnet host, their opener loaded from its artifact.</summary>
public sealed class DotNetFunctionTests
{
    [Fact]
    public async Task A_dotnet_function_archive_trains_and_aggregates_with_a_dotnet_opener()
    {
        await using var network = new LocalNetwork(organizations: 2);
        var org = await network.OrganizationIdAsync(0);
        var folder = Path.Combine(network.Root, "dotnet");
        var description = Path.Combine(folder, "description.md");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(description, "# C#\n");
        var train = await network[1].AddFunctionAsync(new FunctionSpec
        {
            Name = "train", File = DotNetFunctions.Archive(folder, "train"), Description = description, Permissions = Permissions.PublicAccess,
            Inputs = [.. DataInputs, Input("init", AssetKind.Model, optional: true)], Outputs = [Output("shared", AssetKind.Model)],
        }, None);
        var aggregate = await network[1].AddFunctionAsync(new FunctionSpec
        {
            Name = "aggregate", File = DotNetFunctions.Archive(folder, "aggregate"), Description = description, Permissions = Permissions.PublicAccess,
            Inputs = [Input("models", AssetKind.Model, multiple: true)], Outputs = [Output("model", AssetKind.Model)],
        }, None);
        var dataset = await network[0].AddDatasetAsync(new DatasetSpec
        {
            Name = "csv", DataOpener = DotNetFunctions.OpenerArtifact(folder), Description = description,
            Permissions = Permissions.PublicAccess, LogsPermission = Permissions.PublicAccess,
        }, None);
        var samples = await network[0].AddDataSamplesAsync(new DataSampleSpec
        {
            Paths = [PythonFunctions.DataSample(Path.Combine(folder, "s1"), (1, 2)), PythonFunctions.DataSample(Path.Combine(folder, "s2"), (3, 4), (5, 6))],
            DataManagerKeys = [dataset],
        }, local: true, None);
        string trained = Guid.NewGuid().ToString(), aggregated = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Name = "dotnet",
            Tasks =
            [
                new ComputePlanTaskSpec
                {
                    TaskId = trained, FunctionKey = train, Worker = org, Inputs = DataRefs(dataset, samples),
                    Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["shared"] = PublicOutput },
                },
                new ComputePlanTaskSpec
                {
                    TaskId = aggregated, FunctionKey = aggregate, Worker = org, Inputs = [InputRef.FromParentTask("models", trained, "shared")],
                    Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
                },
            ],
        };

        await network[1].AddComputePlanAsync(spec, BatchingOptions.Default, None);
        var plan = await network.WaitForPlanAsync(spec.Key, timeout: TimeSpan.FromMinutes(3));

        Assert.True(plan.Status == ComputePlanStatus.Done,
            $"{plan.Status}; logs: {(plan.FailedTaskKey is { } failed ? await network[0].GetLogsAsync(failed, None) : "")}");
        var shared = Assert.Single(await network[0].ListTaskOutputAssetsAsync(trained, "shared", None)).Model!;
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(shared.Address!.StorageAddress));
        Assert.Equal(0, result.RootElement.GetProperty("rank").GetInt32());
        Assert.Equal(3, result.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(1 + 3 + 5, result.RootElement.GetProperty("sum_x").GetInt32());
        Assert.Equal(2 + 4 + 6, result.RootElement.GetProperty("sum_y").GetInt32());
        var model = Assert.Single(await network[0].ListTaskOutputAssetsAsync(aggregated, "model", None)).Model!;
        Assert.Equal(await File.ReadAllTextAsync(shared.Address.StorageAddress), await File.ReadAllTextAsync(model.Address!.StorageAddress));
    }
}

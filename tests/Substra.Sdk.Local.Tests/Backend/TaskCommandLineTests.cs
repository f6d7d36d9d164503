using System.Text.RegularExpressions;
using Substra.Sdk.Backends;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>The task command line of docs/compatibility.md, byte for byte, as a function receives it.</summary>
public sealed partial class TaskCommandLineTests
{
    [Fact]
    public async Task Arguments_file_is_exactly_the_reference_one()
    {
        await using var network = new LocalNetwork();
        var org = await network.OrganizationIdAsync(0);
        var train = await network.AddFunctionAsync(0, "train", [.. DataInputs, Input("model", AssetKind.Model, optional: true)], [Output("model", AssetKind.Model)]);
        var dump = await network.AddFunctionAsync(0, "dump_arguments",
            [.. DataInputs, Input("model", AssetKind.Model, optional: true)], [Output("shared", AssetKind.Model)]);
        var (dataset, samples) = await network.AddDatasetAsync(0, [(1, 2)], [(3, 4)]);
        string parent = Guid.NewGuid().ToString(), child = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Name = "arguments",
            Tasks =
            [
                new ComputePlanTaskSpec
                {
                    TaskId = parent, FunctionKey = train, Worker = org, Inputs = DataRefs(dataset, samples),
                    Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
                },
                new ComputePlanTaskSpec
                {
                    TaskId = child, FunctionKey = dump, Worker = org,
                    Inputs = [.. DataRefs(dataset, samples), InputRef.FromParentTask("model", parent, "model")],
                    Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["shared"] = PublicOutput },
                },
            ],
        };

        await network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);
        Assert.Equal(ComputePlanStatus.Done, (await network.WaitForPlanAsync(spec.Key)).Status);

        var output = Assert.Single(await network[0].ListTaskOutputAssetsAsync(child, "shared", None));
        var dumped = await File.ReadAllTextAsync(output.Model!.Address!.StorageAddress);
        var modelFile = ValueOf(dumped, "model");
        var outputFile = ValueOf(dumped, "shared");
        // The run folder is named by the platform (runs/<32 hex digits>), never by the task key.
        var t = Path.GetDirectoryName(Path.GetDirectoryName(modelFile))!;
        Assert.Equal(Path.Combine(network.Workspace, "runs"), Path.GetDirectoryName(t));
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(t));
        Assert.Matches(Uuid(), Path.GetFileName(modelFile));
        Assert.Matches(Uuid(), Path.GetFileName(outputFile));
        var expected = string.Join('\n',
            "--function-name",
            "dump_arguments",
            "--task-properties",
            "{\"rank\": 1}",
            "--inputs",
            $"[{{\"id\": \"opener\", \"value\": \"{t}/inputs/opener.py\", \"multiple\": false}}, " +
            $"{{\"id\": \"model\", \"value\": \"{t}/inputs/{Path.GetFileName(modelFile)}\", \"multiple\": false}}, " +
            $"{{\"id\": \"datasamples\", \"value\": \"{t}/inputs/{samples[0]}\", \"multiple\": true}}, " +
            $"{{\"id\": \"datasamples\", \"value\": \"{t}/inputs/{samples[1]}\", \"multiple\": true}}]",
            "--outputs",
            $"[{{\"id\": \"shared\", \"value\": \"{t}/outputs/{Path.GetFileName(outputFile)}\", \"multiple\": false}}]",
            "--log-level",
            "warning") + "\n";
        Assert.Equal(expected, dumped);
        Assert.Equal(Path.Combine(network.Workspace, "files", output.Model.Address.Checksum, "model"), output.Model.Address.StorageAddress);
    }

    private static string ValueOf(string arguments, string identifier) =>
        Regex.Match(arguments, $"\\{{\"id\": \"{identifier}\", \"value\": \"([^\"]+)\"").Groups[1].Value;

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();
}

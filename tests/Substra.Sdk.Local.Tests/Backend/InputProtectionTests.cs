using System.Text.Json;
using Substra.Sdk.Backends;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;
#if SUBSTRA_DOCKER_BACKEND
using Substra.Sdk.Docker;
#else
using Substra.Sdk.Local.Compute.Subprocess;
#endif

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>
/// A hostile function overwrites, in place, every input it is given: its parent's model, the opener and each data-sample
/// file. The kept model, the registered opener and the user's files stay byte-identical (checksums still match). In
/// docker mode every write fails (read-only mounts, and file modes for the container's non-root user); in subprocess mode the model and opener writes go to the task's
/// private copies and the sample writes fail (read-only binds), or go to private copies where binds are not available.
/// </summary>
public sealed class InputProtectionTests
{
    private const string ReadOnly = "Read-only file system";
    private const string Written = "written";
#if SUBSTRA_DOCKER_BACKEND
    // The container's non-root user is refused by the file modes first where it does not own the file, else by the mount.
    private const string Refused = "refused";
#endif

    [Fact]
    public async Task A_function_writing_into_its_model_opener_and_samples_changes_none_of_the_originals()
    {
        await using var network = new LocalNetwork();
#if SUBSTRA_DOCKER_BACKEND
        await AssertOriginalsSurviveAsync(network, model: Refused, opener: Refused, samples: Refused);
#else
        await AssertOriginalsSurviveAsync(network, model: Written, opener: Written, samples: ReadOnly);
#endif
    }

#if SUBSTRA_DOCKER_BACKEND
    [Fact]
    public async Task A_container_running_as_root_is_stopped_by_read_only_files_and_read_only_mounts()
    {
        await using var network = new LocalNetwork(spawner: _ => new DockerSpawner(new DockerSpawnerOptions { NonRootUser = null }));

        // Kept models and registered openers are read-only files of the content store (the container's root has no
        // CAP_DAC_OVERRIDE); the user's sample files are writable, and the read-only mount alone stops the write.
        await AssertOriginalsSurviveAsync(network, model: "Permission denied", opener: "Permission denied", samples: ReadOnly, exact: true);
    }
#else
    [Fact]
    public async Task Where_read_only_binds_are_not_available_samples_are_private_copies_and_the_originals_survive()
    {
        await using var network = new LocalNetwork(spawner: workspace => new SubprocessSpawner(new SubprocessSpawnerOptions
        {
            WorkspaceDirectory = workspace, PythonInterpreter = SpawnerFixture.Python, DataSamples = DataSampleExposure.PrivateCopies,
        }));

        await AssertOriginalsSurviveAsync(network, model: Written, opener: Written, samples: Written);
    }
#endif

    private static async Task AssertOriginalsSurviveAsync(LocalNetwork network, string model, string opener, string samples, bool exact = false)
    {
        var org = await network.OrganizationIdAsync(0);
        var (dataset, sampleKeys) = await network.AddDatasetAsync(0, [(1, 2), (3, 4)], [(5, 6)]);
        var train = await network.AddFunctionAsync(0, "train", [.. DataInputs, Input("model", AssetKind.Model, optional: true)], [Output("model", AssetKind.Model)]);
        var tamper = await network.AddFunctionAsync(0, "tamper_inputs", [.. DataInputs, Input("model", AssetKind.Model)], [Output("model", AssetKind.Model)]);
        var registered = await network[0].GetDatasetAsync(dataset, None);
        var folders = new List<string>();
        foreach (var key in sampleKeys)
        {
            folders.Add((await network[0].GetDataSampleAsync(key, None)).Path!);
        }

        var userOpener = Path.Combine(Path.GetDirectoryName(folders[0])!, "opener.py");
        var before = Snapshot([.. folders.SelectMany(folder => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)), userOpener, registered.Opener.StorageAddress]);
        var trained = Guid.NewGuid().ToString();
        var tampered = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Name = "tamper",
            Tasks =
            [
                new ComputePlanTaskSpec { TaskId = trained, FunctionKey = train, Worker = org, Inputs = DataRefs(dataset, sampleKeys), Outputs = Outputs() },
                new ComputePlanTaskSpec
                {
                    TaskId = tampered, FunctionKey = tamper, Worker = org, Outputs = Outputs(),
                    Inputs = [.. DataRefs(dataset, sampleKeys), InputRef.FromParentTask("model", trained, "model")],
                },
            ],
        };

        await network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);
        var plan = await network.WaitForPlanAsync(spec.Key);

        Assert.True(plan.Status == ComputePlanStatus.Done, $"{plan.Status}: {(plan.FailedTaskKey is { } failed ? await network[0].GetLogsAsync(failed, None) : "")}");
        var report = await ReportAsync(network, tampered);
        Assert.Equal([("opener", opener), ("model", model), ("datasamples", samples), ("datasamples", samples)],
            report.Select(entry => (entry.Id, exact ? entry.Result : Outcome(entry.Result))));
        Assert.All(report, entry => Assert.NotEqual("tampered", entry.Read[..Math.Min(8, entry.Read.Length)]));
        Assert.Equal(before, Snapshot(before.Keys));
        var kept = Assert.Single(await network[0].ListTaskOutputAssetsAsync(trained, null, None)).Model!.Address!;
        Assert.Equal(kept.Checksum, PythonFunctions.Sha256(kept.StorageAddress));
        Assert.Equal(registered.Opener.Checksum, PythonFunctions.Sha256(registered.Opener.StorageAddress));
        Assert.Equal(await File.ReadAllBytesAsync(PythonFunctions.OpenerPath), await File.ReadAllBytesAsync(userOpener));
    }

#if SUBSTRA_DOCKER_BACKEND
    private static string Outcome(string result) => result is ReadOnly or "Permission denied" ? Refused : result;
#else
    private static string Outcome(string result) => result;
#endif

    private static Dictionary<string, ComputeTaskOutputSpec> Outputs() => new() { ["model"] = PublicOutput };

    private static Dictionary<string, string> Snapshot(IEnumerable<string> files) =>
        files.ToDictionary(path => path, path => Convert.ToHexString(File.ReadAllBytes(path)));

    private static async Task<List<(string Id, string Read, string Result)>> ReportAsync(LocalNetwork network, string taskKey)
    {
        var output = Assert.Single(await network[0].ListTaskOutputAssetsAsync(taskKey, null, None)).Model!.Address!.StorageAddress;
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        return document.RootElement.GetProperty("report").EnumerateArray()
            .Select(entry => (entry.GetProperty("id").GetString()!, entry.GetProperty("read").GetString()!, entry.GetProperty("result").GetString()!))
            .ToList();
    }
}

using System.IO.Compression;
using System.Text.Json;
using Substra.Sdk.Configuration;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;

namespace Substra.Sdk.Remote.Tests;

/// <summary>
/// Hybrid mode execution: a local subprocess client runs tasks on a
/// dataset, its samples, or a function that exist only on the (fake) platform; the dataset's opener makes fake data.
/// </summary>
public sealed class HybridExecutionTests : Infrastructure.PlatformTest
{
    // A substratools opener: get_data reads data.csv rows, fake_data makes n rows [10, 30].
    private const string OpenerSource = """
        class CsvOpener:
            def get_data(self, folders):
                raise RuntimeError("hybrid tasks must not read real data samples")

            def fake_data(self, n_samples):
                return [[10.0, 30.0]] * n_samples
        """;

    // A stdlib function: loads the opener from --inputs, calls fake_data when asked, and writes what it saw to its model output.
    private const string FunctionSource = """
        import argparse, importlib.util, json, sys

        args_file = next(a[1:] for a in sys.argv[1:] if a.startswith("@"))
        with open(args_file) as f:
            arguments = f.read().splitlines()
        parser = argparse.ArgumentParser(fromfile_prefix_chars="@")
        parser.add_argument("--function-name")
        parser.add_argument("--task-properties")
        parser.add_argument("--fake-data", action="store_true")
        parser.add_argument("--n-fake-samples", type=int)
        parser.add_argument("--inputs")
        parser.add_argument("--outputs")
        parser.add_argument("--log-level")
        parsed = parser.parse_args()
        inputs = json.loads(parsed.inputs)
        outputs = {o["id"]: o["value"] for o in json.loads(parsed.outputs)}
        opener_path = next(i["value"] for i in inputs if i["id"] == "opener")
        spec = importlib.util.spec_from_file_location("opener", opener_path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        opener = module.CsvOpener()
        folders = [i["value"] for i in inputs if i["id"] == "datasamples"]
        data = opener.fake_data(parsed.n_fake_samples) if parsed.fake_data else opener.get_data(folders)
        with open(outputs["model"], "w") as f:
            json.dump({"arguments": arguments, "sample_inputs": len(folders), "data": data}, f)
        """;

    private SubstraClient CreateHybridClient() => new(new SubstraClientOptions
    {
        Url = Platform.BaseUrl,
        BackendType = BackendType.LocalSubprocess,
        WorkspaceDirectory = Temp.Combine("workspace"),
        LoggerFactory = Logs,
    });

    [Fact]
    public async Task A_local_function_runs_on_a_remote_dataset_with_fake_data()
    {
        var (datasetKey, sampleKeys) = await AddRemoteDatasetAsync(samples: 3);
        await using var client = CreateHybridClient();
        var functionKey = await client.AddFunctionAsync(FunctionSpec("hybrid-local"), None);

        var model = await RunAsync(client, functionKey, datasetKey, sampleKeys);

        AssertFakeData(model, sampleKeys.Count);
        Assert.Null(Platform.Store.Get("function", functionKey));
    }

    [Fact]
    public async Task A_remote_function_runs_on_a_remote_dataset_with_its_archive_downloaded()
    {
        var (datasetKey, sampleKeys) = await AddRemoteDatasetAsync(samples: 2);
        var functionKey = await Backend.AddFunctionAsync(FunctionSpec("hybrid-remote"), None);
        await using var client = CreateHybridClient();
        Platform.ClearRequests();

        var model = await RunAsync(client, functionKey, datasetKey, sampleKeys);

        AssertFakeData(model, sampleKeys.Count);
        var requests = Platform.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.Contains($"GET /function/{functionKey}/file/", requests);
        Assert.Contains($"GET /data_manager/{datasetKey}/opener/", requests);
        // Downloaded into the local platform's content store (files/<sha256>/<role>), like registered files.
        Assert.Single(Directory.EnumerateFiles(client.TemporaryDirectory!, "function-archive", SearchOption.AllDirectories));
        Assert.Single(Directory.EnumerateFiles(client.TemporaryDirectory!, "opener.py", SearchOption.AllDirectories));
    }

    private async Task<(string DatasetKey, IReadOnlyList<string> SampleKeys)> AddRemoteDatasetAsync(int samples)
    {
        var datasetKey = await Backend.AddDatasetAsync(new DatasetSpec
        {
            Name = "remote-csv",
            DataOpener = Temp.File("dataset/opener.py", OpenerSource),
            Description = Temp.File("dataset/description.md", "# remote csv"),
            Permissions = Permissions.PublicAccess,
            LogsPermission = Permissions.PublicAccess,
        }, None);
        var folders = Enumerable.Range(0, samples).Select(i => Path.GetDirectoryName(Temp.File($"samples/s{i}/data.csv", "1,2\n"))!).ToList();
        var sampleKeys = await Backend.AddDataSamplesAsync(new DataSampleSpec { Paths = folders, DataManagerKeys = [datasetKey] }, local: true, None);
        return (datasetKey, sampleKeys);
    }

    private FunctionSpec FunctionSpec(string name)
    {
        var folder = Temp.Combine(name);
        Directory.CreateDirectory(folder);
        var archive = Path.Combine(folder, "function.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            AddText(zip, "Dockerfile",
                $"FROM python:3.11-slim\nCOPY . .\nENTRYPOINT [\"python3\", \"function.py\", \"--function-name\", \"{name}\"]\n");
            AddText(zip, "function.py", FunctionSource);
        }

        return new FunctionSpec
        {
            Name = name,
            File = archive,
            Description = Temp.File($"{name}/description.md", "# " + name),
            Permissions = Permissions.PublicAccess,
            Inputs =
            [
                new FunctionInputSpec { Identifier = "opener", Kind = AssetKind.DataManager, Optional = false, Multiple = false },
                new FunctionInputSpec { Identifier = "datasamples", Kind = AssetKind.DataSample, Optional = false, Multiple = true },
            ],
            Outputs = [new FunctionOutputSpec { Identifier = "model", Kind = AssetKind.Model, Multiple = false }],
        };
    }

    private static void AddText(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }

    private static async Task<JsonElement> RunAsync(SubstraClient client, string functionKey, string datasetKey, IReadOnlyList<string> sampleKeys)
    {
        // The data's owner runs the task: the remote dataset belongs to the platform's organisation.
        var dataset = await client.GetDatasetAsync(datasetKey, None);
        var taskKey = await client.AddTaskAsync(new TaskSpec
        {
            FunctionKey = functionKey,
            Worker = dataset.Owner,
            Inputs = [InputRef.FromAsset("opener", datasetKey), .. sampleKeys.Select(key => InputRef.FromAsset("datasamples", key))],
            Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = new() { Permissions = Permissions.PublicAccess } },
        }, None);

        var task = await client.WaitTaskAsync(taskKey, timeout: TimeSpan.FromMinutes(2), raiseOnFailure: false, cancellationToken: None);
        var log = task.Status == ComputeTaskStatus.Done ? "" : await client.GetLogsAsync(taskKey, None);
        Assert.True(task.Status == ComputeTaskStatus.Done, $"task {task.Status}: {log}");
        var outputs = await client.ListTaskOutputAssetsAsync(taskKey, cancellationToken: None);
        var model = Assert.Single(outputs).Model!;
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(model.Address!.StorageAddress));
        return document.RootElement.Clone();
    }

    private static void AssertFakeData(JsonElement model, int samples)
    {
        var arguments = model.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()).ToList();
        var fake = arguments.IndexOf("--fake-data");
        Assert.True(fake >= 0, string.Join(" ", arguments));
        Assert.Equal("--n-fake-samples", arguments[fake + 1]);
        Assert.Equal(samples.ToString(System.Globalization.CultureInfo.InvariantCulture), arguments[fake + 2]);
        Assert.Equal(fake + 3, arguments.IndexOf("--task-properties"));
        Assert.Equal(0, model.GetProperty("sample_inputs").GetInt32());
        var data = model.GetProperty("data").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToList();
        Assert.Equal(samples, data.Count);
        Assert.All(data, row => Assert.Equal([10.0, 30.0], row));
    }
}

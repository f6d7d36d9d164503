using System.Text.Json;
using Substra.Sdk.Backends;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>
/// C# functions on datasets registered with Python openers (opener.py, a substratools Opener): the runtime runs the opener
/// in Python and hands the function what it returned. Compiled into the Docker tests too, where the archive's image is the
/// .NET runtime with Python, numpy and pandas.
/// </summary>
public sealed class PythonOpenerTests
{
    private const string Patients =
        "name,age,height,smoker,visit,blood type\n"
        + "ann,34,1.62,true,2024-01-15,A+\n"
        + "bob,51,,false,,\n";

    private static readonly TimeSpan PlanTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task CSharp_functions_read_a_pandas_DataFrame_and_numpy_arrays_from_python_openers()
    {
        await using var network = new LocalNetwork();
        var org = await network.OrganizationIdAsync(0);
        var frame = await AddFunctionAsync(network, "frame");
        var records = await AddFunctionAsync(network, "records");
        var xy = await AddFunctionAsync(network, "xy");
        var (patients, patientSamples) = await AddDatasetAsync(network, "patients_opener.py", ("patients.csv", Patients));
        var (arrays, arraySamples) = await AddDatasetAsync(network, "xy_opener.py", ("data.csv", "1,2,3,0\n4,5,6,1\n"), ("data.csv", "7,8,9,1\n"));
        string frameTask = Guid.NewGuid().ToString(), recordsTask = Guid.NewGuid().ToString(), xyTask = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Name = "python openers",
            Tasks =
            [
                Task(frameTask, frame, org, DataRefs(patients, patientSamples)),
                Task(recordsTask, records, org, DataRefs(patients, patientSamples)),
                Task(xyTask, xy, org, DataRefs(arrays, arraySamples)),
            ],
        };

        await network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);
        var plan = await network.WaitForPlanAsync(spec.Key, timeout: PlanTimeout);

        Assert.True(plan.Status == ComputePlanStatus.Done,
            $"{plan.Status}; logs: {(plan.FailedTaskKey is { } failed ? await network[0].GetLogsAsync(failed, None) : "")}");
        using var frameSummary = await SummaryAsync(network, frameTask);
        Assert.Equal(2, frameSummary.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(
            ["name:String", "age:Int64", "height:Double", "smoker:Boolean", "visit:DateTime", "blood type:String"],
            frameSummary.RootElement.GetProperty("columns").EnumerateArray().Select(column => $"{column.GetProperty("name").GetString()}:{column.GetProperty("type").GetString()}"));
        using var recordsSummary = await SummaryAsync(network, recordsTask);
        Assert.Equal(
            "[{\"name\":\"ann\",\"age\":34,\"height\":1.62,\"smoker\":true,\"visit\":\"2024-01-15\",\"blood_type\":\"A\\u002B\"},"
            + "{\"name\":\"bob\",\"age\":51,\"height\":null,\"smoker\":false,\"visit\":null,\"blood_type\":null}]",
            recordsSummary.RootElement.GetProperty("patients").GetRawText());
        using var xySummary = await SummaryAsync(network, xyTask);
        Assert.Equal(3, xySummary.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(45, xySummary.RootElement.GetProperty("sum_x").GetDouble());
        Assert.Equal(2, xySummary.RootElement.GetProperty("sum_y").GetInt64());
    }

    [Fact]
    public async Task An_exception_in_the_python_opener_fails_the_task_with_EXECUTION_ERROR_and_the_traceback_in_its_logs()
    {
        await using var network = new LocalNetwork();
        var org = await network.OrganizationIdAsync(0);
        var frame = await AddFunctionAsync(network, "frame");
        var (raising, raisingSamples) = await AddDatasetAsync(network, "raising_opener.py", ("data.csv", "1\n"));
        var (unsupported, unsupportedSamples) = await AddDatasetAsync(network, "unsupported_opener.py", ("data.csv", "1\n"));
        string raisingTask = Guid.NewGuid().ToString(), unsupportedTask = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Name = "failing python openers",
            Tasks = [Task(raisingTask, frame, org, DataRefs(raising, raisingSamples)), Task(unsupportedTask, frame, org, DataRefs(unsupported, unsupportedSamples))],
        };

        await network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);
        var plan = await network.WaitForPlanAsync(spec.Key, timeout: PlanTimeout);

        Assert.Equal(ComputePlanStatus.Failed, plan.Status);
        var raised = await network.WaitForTaskStatusAsync(raisingTask, ComputeTaskStatus.Failed);
        var raisedLogs = await network[0].GetLogsAsync(raisingTask, None);
        Assert.True(raised.ErrorType == TaskErrorType.Execution, $"{raised.ErrorType}; logs: {raisedLogs}");
        Assert.Contains("Traceback (most recent call last):", raisedLogs, StringComparison.Ordinal);
        Assert.Contains("raise ValueError(\"no rows in %d folders\" % len(folders))", raisedLogs, StringComparison.Ordinal);
        Assert.Contains("raised ValueError: no rows in 1 folders (get_data); its traceback is in the task log.", raisedLogs, StringComparison.Ordinal);
        var refused = await network.WaitForTaskStatusAsync(unsupportedTask, ComputeTaskStatus.Failed);
        var refusedLogs = await network[0].GetLogsAsync(unsupportedTask, None);
        Assert.True(refused.ErrorType == TaskErrorType.Execution, $"{refused.ErrorType}; logs: {refusedLogs}");
        Assert.Contains("returned a value the bridge cannot pass to .NET: the result is a set; supported:", refusedLogs, StringComparison.Ordinal);
    }

    private static ComputePlanTaskSpec Task(string taskId, string function, string worker, IReadOnlyList<InputRef> inputs) => new()
    {
        TaskId = taskId, FunctionKey = function, Worker = worker, Inputs = inputs,
        Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["summary"] = PublicOutput },
    };

    private static async Task<JsonDocument> SummaryAsync(LocalNetwork network, string task)
    {
        var summary = Assert.Single(await network[0].ListTaskOutputAssetsAsync(task, "summary", None)).Model!;
        return JsonDocument.Parse(await File.ReadAllTextAsync(summary.Address!.StorageAddress));
    }

    private static async Task<string> AddFunctionAsync(LocalNetwork network, string name)
    {
        var folder = Path.Combine(network.Root, "bridge-functions", Guid.NewGuid().ToString("N"));
        var archive = PythonBridgeFunctions.Archive(folder, name);
        var description = Path.Combine(folder, "description.md");
        await File.WriteAllTextAsync(description, $"# {name}\n");
        return await network[0].AddFunctionAsync(new FunctionSpec
        {
            Name = name, File = archive, Description = description, Permissions = Permissions.PublicAccess,
            Inputs = DataInputs, Outputs = [Output("summary", AssetKind.Model)],
        }, None);
    }

    private static async Task<(string Dataset, IReadOnlyList<string> Samples)> AddDatasetAsync(
        LocalNetwork network, string opener, params (string FileName, string Content)[] samples)
    {
        var folder = Path.Combine(network.Root, "bridge-datasets", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // The platform stores every opener as opener.py.
        var openerPath = Path.Combine(folder, "opener.py");
        File.Copy(PythonBridgeFunctions.Opener(opener), openerPath);
        var description = Path.Combine(folder, "description.md");
        await File.WriteAllTextAsync(description, "# data\n");
        var dataset = await network[0].AddDatasetAsync(new DatasetSpec
        {
            Name = opener, DataOpener = openerPath, Description = description,
            Permissions = Permissions.PublicAccess, LogsPermission = Permissions.PublicAccess,
        }, None);
        var keys = new List<string>();
        foreach (var (fileName, content) in samples)
        {
            var sample = PythonBridgeFunctions.Sample(Path.Combine(folder, $"sample-{keys.Count}"), fileName, content);
            keys.AddRange(await network[0].AddDataSamplesAsync(new DataSampleSpec { Path = sample, DataManagerKeys = [dataset] }, local: true, None));
        }

        return (dataset, keys);
    }
}

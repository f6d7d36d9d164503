using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Substra.Samples.FedAvg;
using Substra.Samples.FedAvg.Model;
using Substra.Sdk.Backends;
using Substra.Sdk.Models;
using Substra.Sdk.Plans;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local.Bench;

/// <summary>
/// The FedAvg sample's functions, opener and plan helper over N organisations × R rounds on the local subprocess
/// backend, with a little synthetic data per organisation: the wall time is orchestration plus real C# tasks.
/// </summary>
internal static class FedAvgBench
{
    private const int RowsPerOrganisation = 200;

    /// <param name="functions">A <c>substra/</c> folder searched first for the function archives (a native build), or null.</param>
    public static async Task RunAsync(string root, int organisations, int rounds, int? parallelism, string? functions = null)
    {
        var services = new ServiceCollection();
        var substra = services.AddSubstra();
        var names = Enumerable.Range(1, organisations).Select(i => $"org-{i}").ToArray();
        foreach (var name in names)
        {
            substra.AddClient(name, client =>
            {
                client.BackendType = BackendType.LocalSubprocess;
                client.ConfigurationFile = "";
                client.WorkspaceDirectory = Path.Combine(root, "fedavg-worker");
                client.MaxParallelTasks = parallelism;
            });
        }

        await using var provider = services.BuildServiceProvider();
        var clients = names.Select(provider.GetRequiredService<ISubstraClientFactory>().CreateClient).ToArray();
        var data = new DataOrganization[organisations];
        for (var i = 0; i < organisations; i++)
        {
            data[i] = await RegisterDataAsync(clients[i], Path.Combine(root, "fedavg-data", names[i]), i);
        }

        var aggregator = clients[0];
        var plan = new ComputePlanBuilder("FedAvg bench");
        await FedAvgPlan.AddFedAvgAsync(plan, aggregator, data, rounds, functions is null ? null : Path.GetFullPath(functions));
        var spec = plan.Build();

        var stopwatch = Stopwatch.StartNew();
        await aggregator.AddComputePlanAsync(spec);
        var finished = await aggregator.WaitComputePlanAsync(spec.Key, pollingPeriod: TimeSpan.FromMilliseconds(10), raiseOnFailure: false);
        stopwatch.Stop();
        if (finished.Status != ComputePlanStatus.Done)
        {
            var failed = finished.FailedTaskKey is { } task ? $" Task {task}'s logs:\n{await aggregator.GetLogsAsync(task)}" : "";
            throw new InvalidOperationException($"The FedAvg plan ended {finished.Status} ({finished.DoneCount}/{finished.TaskCount} tasks done).{failed}");
        }

        var performances = await aggregator.GetPerformancesAsync(spec.Key);
        var last = performances.Rows.Where(row => row.RoundIdx == rounds).Select(row => row.Performance).ToList();
        var tasks = spec.Tasks!.Count;
        var wall = stopwatch.Elapsed.TotalMilliseconds;
        Console.WriteLine(
            $"fedavg: {organisations} organisations x {rounds} rounds, {tasks} tasks, parallelism {parallelism ?? Environment.ProcessorCount}: " +
            $"{wall:F0} ms from add_compute_plan to completion, {wall / tasks:F1} ms per task; " +
            $"final mean accuracy {last.Average().ToString("F4", CultureInfo.InvariantCulture)} over {last.Count} organisations");
    }

    // One train and one test sample folder per organisation, from the sample's own synthetic data.
    private static async Task<DataOrganization> RegisterDataAsync(SubstraClient client, string folder, int index)
    {
        var rows = SyntheticData.Generate(index, RowsPerOrganisation);
        var testRows = RowsPerOrganisation / 5;
        var train = WriteSample(Path.Combine(folder, "train"), rows, 0, RowsPerOrganisation - testRows);
        var test = WriteSample(Path.Combine(folder, "test"), rows, RowsPerOrganisation - testRows, RowsPerOrganisation);
        var worker = (await client.ListOrganizationAsync()).Single(organisation => organisation.IsCurrent).Id;
        var dataset = await client.AddDatasetAsync(FedAvgPlan.Dataset($"fedavg bench data of {worker}"));
        var trainKeys = await client.AddDataSamplesAsync(new DataSampleSpec { Paths = [train], DataManagerKeys = [dataset] });
        var testKeys = await client.AddDataSamplesAsync(new DataSampleSpec { Paths = [test], DataManagerKeys = [dataset] });
        return new DataOrganization(worker, dataset, trainKeys, testKeys);
    }

    private static string WriteSample(string folder, LabeledData rows, int start, int end)
    {
        Directory.CreateDirectory(folder);
        var slice = new LabeledData(rows.Features.Skip(start).Take(end - start).ToList(), rows.Labels.Skip(start).Take(end - start).ToList());
        SyntheticData.WriteCsv(slice, Path.Combine(folder, SyntheticData.FileName));
        return folder;
    }
}

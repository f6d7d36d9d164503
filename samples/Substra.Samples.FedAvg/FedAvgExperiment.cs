using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Substra.Samples.FedAvg.Model;
using Substra.Sdk;
using Substra.Sdk.Models;
using Substra.Sdk.Plans;
using Substra.Sdk.Schemas;

namespace Substra.Samples.FedAvg;

/// <summary>
/// The whole sample: writes the (non-IID) data of three organisations, registers it with one client per organisation,
/// registers the functions built by <c>dotnet build</c>, runs FedAvg and each organisation training alone in one plan
/// with a progress bar, and reports every model's accuracy on every organisation's test data next to the centralised
/// model trained on the pooled data.
/// </summary>
public static class FedAvgExperiment
{
    public static async Task<FedAvgResult> RunAsync(ISubstraClientFactory clients, FedAvgRunOptions options, IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        string work = Path.GetFullPath(options.WorkDirectory);
        IReadOnlyList<string> names = FedAvgClients.Names;

        console.WriteLine($"Writing the data of {names.Count} organisations under {work}");
        string dataDirectory = Path.Combine(work, "data");
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        IReadOnlyList<OrganisationData> organisations = SampleDataWriter.Write(dataDirectory);

        // The local platform keeps its workspace between runs; this sample regenerates its data above, so the samples a
        // previous run registered would name files that changed under them: it starts from an empty workspace, and says
        // so. Only the sample's own default workspace is removed, before any client opens it.
        string workspace = FedAvgClients.DefaultWorkspace(options);
        if (Directory.Exists(workspace))
        {
            console.WriteLine($"Starting afresh: removing the previous run's local workspace {workspace} (its data samples point at the data regenerated above)");
            Directory.Delete(workspace, recursive: true);
        }

        SubstraClient[] organisationClients = names.Select(clients.CreateClient).ToArray();
        var data = new DataOrganization[organisationClients.Length];
        for (int i = 0; i < organisationClients.Length; i++)
        {
            SubstraClient client = organisationClients[i];
            string worker = (await client.ListOrganizationAsync(cancellationToken)).Single(o => o.IsCurrent).Id;
            string datasetKey = await client.AddDatasetAsync(FedAvgPlan.Dataset($"fedavg data of {names[i]}"), cancellationToken);
            IReadOnlyList<string> trainKeys = await client.AddDataSamplesAsync(
                new DataSampleSpec { Paths = organisations[i].TrainFolders, DataManagerKeys = [datasetKey] }, cancellationToken: cancellationToken);
            IReadOnlyList<string> testKeys = await client.AddDataSamplesAsync(
                new DataSampleSpec { Paths = [organisations[i].TestFolder], DataManagerKeys = [datasetKey] }, cancellationToken: cancellationToken);
            data[i] = new DataOrganization(worker, datasetKey, trainKeys, testKeys);
            console.WriteLine($"  {names[i]} is {worker} ({client.BackendMode}): dataset {datasetKey}, {trainKeys.Count} train and {testKeys.Count} test samples");
        }

        // The first organisation registers the functions, aggregates, and submits the plan.
        SubstraClient aggregator = organisationClients[0];
        var plan = new ComputePlanBuilder("FedAvg sample").WithTag("fedavg").WithMetadata("rounds", options.Rounds.ToString(CultureInfo.InvariantCulture));
        var evaluations = new Dictionary<string, (ModelKind Kind, int? Round, string TrainedOn, int EvaluatedOn)>(StringComparer.Ordinal);
        foreach (FederatedRound round in await FedAvgPlan.AddFedAvgAsync(plan, aggregator, data, options.Rounds, options.FunctionsArtifactsFolder, cancellationToken))
        {
            for (int j = 0; j < round.Evaluate.Count; j++)
            {
                evaluations[round.Evaluate[j].TaskId] = (ModelKind.FedAvg, round.Round, "all organisations", j);
            }
        }

        for (int i = 0; i < data.Length; i++)
        {
            IReadOnlyList<PlanTask> alone = FedAvgPlan.AddTrainingAlone(plan, data[i], data, options.Rounds);
            for (int j = 0; j < alone.Count; j++)
            {
                evaluations[alone[j].TaskId] = (ModelKind.LocalOnly, null, names[i], j);
            }
        }

        ComputePlanSpec spec = plan.Build();
        console.WriteLine($"Running {spec.Tasks!.Count} tasks: {options.Rounds} rounds of FedAvg, and each organisation training alone for {options.Rounds} rounds");
        ComputePlan finished = await PlanProgress.ShowAsync(console, aggregator, spec.Key, spec.Tasks.Count, async () =>
        {
            await aggregator.AddComputePlanAsync(spec, cancellationToken: cancellationToken);
            return await aggregator.WaitComputePlanAsync(spec.Key, pollingPeriod: TimeSpan.FromMilliseconds(250), raiseOnFailure: false, cancellationToken: cancellationToken);
        });
        if (finished.Status != ComputePlanStatus.Done)
        {
            throw new FedAvgFailedException(await DescribeFailureAsync(aggregator, finished, cancellationToken));
        }

        Performances performances = await aggregator.GetPerformancesAsync(spec.Key, cancellationToken: cancellationToken);
        var report = new PerformanceReport(names, Models(performances, evaluations, names.Count)
            .Append(new ModelAccuracy(ModelKind.Centralised, null, "pooled data", CentralisedBaseline.Evaluate(organisations, options.Rounds))));

        string csv = Path.Combine(work, "performances.csv");
        string svg = Path.Combine(work, "performances.svg");
        await using (var writer = new StreamWriter(csv))
        {
            ReportCsv.Write(report, writer);
        }

        await File.WriteAllTextAsync(svg, ReportChart.ToSvg(report), cancellationToken);
        return new FedAvgResult(spec.Key, report, csv, svg);
    }

    // Groups the plan's performances by the model they measured, in the organisations' order.
    private static IEnumerable<ModelAccuracy> Models(
        Performances performances,
        Dictionary<string, (ModelKind Kind, int? Round, string TrainedOn, int EvaluatedOn)> evaluations,
        int organisations)
    {
        var models = new Dictionary<(ModelKind, int?, string), double[]>();
        foreach (PerformanceRow row in performances.Rows)
        {
            if (!evaluations.TryGetValue(row.TaskKey, out var evaluation))
            {
                throw new FedAvgFailedException($"The plan reported a performance of task {row.TaskKey}, which is not one of its evaluations.");
            }

            var model = (evaluation.Kind, evaluation.Round, evaluation.TrainedOn);
            if (!models.TryGetValue(model, out double[]? accuracies))
            {
                models[model] = accuracies = Enumerable.Repeat(double.NaN, organisations).ToArray();
            }

            accuracies[evaluation.EvaluatedOn] = row.Performance;
        }

        if (models.FirstOrDefault(m => m.Value.Any(double.IsNaN)) is { Value: not null } incomplete)
        {
            throw new FedAvgFailedException($"The plan reported no performance for some organisations' test data with the model {incomplete.Key}.");
        }

        return models.Select(m => new ModelAccuracy(m.Key.Item1, m.Key.Item2, m.Key.Item3, m.Value));
    }

    private static async Task<string> DescribeFailureAsync(SubstraClient client, ComputePlan plan, CancellationToken cancellationToken)
    {
        string message = $"The compute plan {plan.Key} ended {plan.Status} ({plan.DoneCount}/{plan.TaskCount} tasks done).";
        if (plan.FailedTaskKey is { } failed)
        {
            ComputeTask task = await client.GetTaskAsync(failed, cancellationToken);
            string logs = await client.GetLogsAsync(failed, cancellationToken);
            string tail = logs.Length > 4000 ? "…" + logs[^4000..] : logs;
            message += $"\nTask {failed} ({task.Function.Name} on {task.Worker}) failed with {task.ErrorType}. Its logs end with:\n{tail}";
        }

        return message;
    }
}

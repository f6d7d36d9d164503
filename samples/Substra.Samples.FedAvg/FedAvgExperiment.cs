using Microsoft.Extensions.DependencyInjection;
using Substra.Samples.FedAvg.Functions;
using Substra.Samples.FedAvg.Model;
using Substra.Sdk;
using Substra.Sdk.Backends;
using Substra.Sdk.Models;
using Substra.Sdk.Plans;
using Substra.Sdk.Schemas;

namespace Substra.Samples.FedAvg;

/// <summary>
/// The whole sample: writes the data of three organisations, registers it with one local client per organisation,
/// registers the functions built by <c>dotnet build</c>, runs the FedAvg plan with a progress bar and reports the
/// accuracy per round next to the centralised baseline.
/// </summary>
public static class FedAvgExperiment
{
    private const string OpenerName = "fedavg-csv";

    public static async Task<FedAvgResult> RunAsync(FedAvgRunOptions options, TextWriter console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        string work = Path.GetFullPath(options.WorkDirectory);
        BuildArtifacts artifacts = options.Artifacts ?? BuildArtifacts.FromAssembly(typeof(FedAvgExperiment).Assembly);

        console.WriteLine($"Writing the data of {FedAvgSettings.Organisations} organisations under {work}");
        string dataDirectory = Path.Combine(work, "data");
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        IReadOnlyList<OrganisationData> organisations = SampleDataWriter.Write(dataDirectory);

        // The local platform keeps its workspace between runs; this sample regenerates its data above, so the samples a
        // previous run registered would name files that changed under them: it starts from an empty workspace, and says so.
        string workspace = Path.Combine(work, "local-worker");
        if (Directory.Exists(workspace))
        {
            console.WriteLine($"Starting afresh: removing the previous run's local workspace {workspace} (its data samples point at the data regenerated above)");
            Directory.Delete(workspace, recursive: true);
        }

        // One client per organisation, all on the same local backend (they share the workspace's local platform).
        var services = new ServiceCollection();
        ISubstraBuilder substra = services.AddSubstra();
        string[] names = Enumerable.Range(1, FedAvgSettings.Organisations).Select(i => $"org-{i}").ToArray();
        foreach (string name in names)
        {
            substra.AddClient(name, client =>
            {
                client.BackendType = options.Backend;
                client.ConfigurationFile = "";
                client.WorkspaceDirectory = workspace;
                client.MaxParallelTasks = options.MaxParallelTasks;
            });
        }

        await using ServiceProvider provider = services.BuildServiceProvider();
        ISubstraClientFactory factory = provider.GetRequiredService<ISubstraClientFactory>();
        SubstraClient[] clients = names.Select(factory.CreateClient).ToArray();

        var organisationIds = new string[clients.Length];
        var dataOrganisations = new DataOrganization[clients.Length];
        for (int i = 0; i < clients.Length; i++)
        {
            organisationIds[i] = (await clients[i].ListOrganizationAsync(cancellationToken)).Single(o => o.IsCurrent).Id;
            string datasetKey = await clients[i].AddDatasetAsync(
                new DatasetSpec
                {
                    Name = $"fedavg data of {names[i]}",
                    DataOpener = artifacts.Opener(OpenerName),
                    Description = artifacts.OpenerDescription(OpenerName),
                    Permissions = Permissions.PublicAccess,
                    LogsPermission = Permissions.PublicAccess,
                },
                cancellationToken);
            IReadOnlyList<string> trainKeys = await clients[i].AddDataSamplesAsync(
                new DataSampleSpec { Paths = organisations[i].TrainFolders, DataManagerKeys = [datasetKey] }, cancellationToken: cancellationToken);
            IReadOnlyList<string> testKeys = await clients[i].AddDataSamplesAsync(
                new DataSampleSpec { Paths = [organisations[i].TestFolder], DataManagerKeys = [datasetKey] }, cancellationToken: cancellationToken);
            dataOrganisations[i] = new DataOrganization(organisationIds[i], datasetKey, trainKeys, testKeys);
            console.WriteLine($"  {names[i]} is {organisationIds[i]}: dataset {datasetKey}, {trainKeys.Count} train and {testKeys.Count} test samples");
        }

        // The first organisation registers the functions and aggregates.
        SubstraClient aggregator = clients[0];
        var plan = new ComputePlanBuilder("FedAvg sample").WithTag("fedavg").WithMetadata("rounds", options.Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AddFedAvgAsync(plan, aggregator, artifacts, dataOrganisations, options.Rounds, cancellationToken);
        ComputePlanSpec spec = plan.Build();

        console.WriteLine($"Running {spec.Tasks!.Count} tasks: {options.Rounds} rounds of FedAvg");
        var progress = new PlanProgress(spec.Key, spec.Tasks.Count, new ConsoleProgressBar(console, interactive: !Console.IsOutputRedirected && ReferenceEquals(console, Console.Out)));
        aggregator.TaskStateChanged += progress.OnTaskStateChanged;
        ComputePlan finished;
        try
        {
            await aggregator.AddComputePlanAsync(spec, cancellationToken: cancellationToken);
            finished = await aggregator.WaitComputePlanAsync(spec.Key, pollingPeriod: TimeSpan.FromMilliseconds(250), raiseOnFailure: false, cancellationToken: cancellationToken);
        }
        finally
        {
            aggregator.TaskStateChanged -= progress.OnTaskStateChanged;
            progress.Complete();
        }

        if (finished.Status != ComputePlanStatus.Done)
        {
            throw new FedAvgFailedException(await DescribeFailureAsync(aggregator, finished, cancellationToken));
        }

        Performances performances = await aggregator.GetPerformancesAsync(spec.Key, cancellationToken: cancellationToken);
        var labels = organisationIds.Select((id, i) => (id, names[i])).ToDictionary(x => x.id, x => x.Item2);
        var rows = performances.Rows
            .Select(r => new RoundPerformance(r.RoundIdx ?? 0, labels.GetValueOrDefault(r.Worker, r.Worker), r.Performance))
            .ToList();
        var report = new PerformanceReport(rows, CentralisedBaseline.Evaluate(organisations, options.Rounds));

        string csv = Path.Combine(work, "performances.csv");
        string svg = Path.Combine(work, "performances.svg");
        await File.WriteAllTextAsync(csv, report.ToCsv(), cancellationToken);
        await File.WriteAllTextAsync(svg, report.ToSvg(), cancellationToken);
        return new FedAvgResult(spec.Key, report, csv, svg);
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

    /// <summary>
    /// Registers the sample's train, aggregate and evaluate functions with <paramref name="aggregator"/> and adds
    /// <paramref name="rounds"/> rounds of FedAvg over <paramref name="data"/> to <paramref name="plan"/>, aggregated by the
    /// first organisation.
    /// </summary>
    public static async Task AddFedAvgAsync(
        ComputePlanBuilder plan,
        SubstraClient aggregator,
        BuildArtifacts artifacts,
        IReadOnlyList<DataOrganization> data,
        int rounds,
        CancellationToken cancellationToken = default)
    {
        foreach (Substra.Tools.Plans.FunctionHandle function in new Substra.Tools.Plans.FunctionHandle[]
                 { FedAvgFunctions.Handles.Train, FedAvgFunctions.Handles.Aggregate, FedAvgFunctions.Handles.Evaluate })
        {
            string key = await aggregator.AddFunctionAsync(
                FunctionSpec.FromSchema(function.Schema, artifacts.FunctionArchive(function.Name), artifacts.FunctionDescription(function.Name), Permissions.PublicAccess),
                cancellationToken);
            plan.WithFunctionKey(function, key);
        }

        foreach (DataOrganization organisation in data)
        {
            plan.WithDatasetOwner(organisation.DatasetKey, organisation.Worker);
        }

        plan.AddFedAvgRounds(
            FedAvgFunctions.Handles.Train, h => h.Inputs.Model, h => h.Outputs.Model,
            FedAvgFunctions.Handles.Aggregate, h => h.Inputs.Models, h => h.Outputs.Model,
            FedAvgFunctions.Handles.Evaluate, h => h.Inputs.Model,
            aggregator: data[0].Worker,
            data,
            rounds);
    }
}

using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Substra.Sdk;
using Substra.Sdk.Models;
using Substra.Sdk.Plans;
using Substra.Sdk.Schemas;
using SubstraApp.Data;
using SubstraApp.Functions;

// Runs train → evaluate on one organisation. The same code runs on a remote platform: configure the client "org-1"
// with SUBSTRA_ORG_1_BACKEND_TYPE=remote, SUBSTRA_ORG_1_URL and SUBSTRA_ORG_1_TOKEN (or the YAML file) instead.
string work = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("artifacts", "substra"));
Artifacts artifacts = Artifacts.FromAssembly(typeof(Artifacts).Assembly);

// Some data: one sample folder to train on, one to evaluate on.
string trainFolder = WriteSample(Path.Combine(work, "data", "train"), [1.0, 2.0, 3.0, 4.0, 5.0]);
string testFolder = WriteSample(Path.Combine(work, "data", "test"), [2.0, 3.0, 4.0]);

var services = new ServiceCollection();
services.AddSubstra().AddClient("org-1", options => options.WorkspaceDirectory ??= Path.Combine(work, "local-worker"));
await using ServiceProvider provider = services.BuildServiceProvider();
SubstraClient client = provider.GetRequiredService<ISubstraClientFactory>().CreateClient("org-1");
string organisation = (await client.ListOrganizationAsync()).Single(o => o.IsCurrent).Id;

string dataset = await client.AddDatasetAsync(new DatasetSpec
{
    Name = "measurements",
    DataOpener = artifacts.Find("openers", "measurements.opener"),
    Description = artifacts.Find("openers", "measurements.md"),
    Permissions = Permissions.PublicAccess,
    LogsPermission = Permissions.PublicAccess,
});
IReadOnlyList<string> trainSamples = await client.AddDataSamplesAsync(new DataSampleSpec { Paths = [trainFolder], DataManagerKeys = [dataset] });
IReadOnlyList<string> testSamples = await client.AddDataSamplesAsync(new DataSampleSpec { Paths = [testFolder], DataManagerKeys = [dataset] });

var plan = new ComputePlanBuilder("SubstraApp").WithDatasetOwner(dataset, organisation);
foreach (Substra.Tools.Plans.FunctionHandle function in new Substra.Tools.Plans.FunctionHandle[] { MeanFunctions.Handles.Train, MeanFunctions.Handles.Evaluate })
{
    string key = await client.AddFunctionAsync(FunctionSpec.FromSchema(
        function.Schema,
        artifacts.Find("functions", function.Name + ".zip"),
        artifacts.Find("functions", function.Name + ".md"),
        Permissions.PublicAccess));
    plan.WithFunctionKey(function, key);
}

var train = plan.AddTask(MeanFunctions.Handles.Train, organisation).WithData(dataset, trainSamples);
plan.AddTask(MeanFunctions.Handles.Evaluate, organisation)
    .WithData(dataset, testSamples)
    .WithInput(h => h.Inputs.Model, train.Output(h => h.Outputs.Model))
    .WithRoundIndex(1);

ComputePlanSpec spec = plan.Build();
client.TaskStateChanged += (_, change) => Console.WriteLine($"  task {change.TaskKey[..8]} {change.Status}");
await client.AddComputePlanAsync(spec);
ComputePlan done = await client.WaitComputePlanAsync(spec.Key, raiseOnFailure: false);
if (done.Status != ComputePlanStatus.Done)
{
    Console.Error.WriteLine($"The plan ended {done.Status}; failed task: {done.FailedTaskKey}");
    return 1;
}

Performances performances = await client.GetPerformancesAsync(spec.Key);
foreach (PerformanceRow row in performances.Rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Identifier} on {row.Worker}: mean absolute error {row.Performance:F4}"));
}

return 0;

static string WriteSample(string folder, double[] values)
{
    Directory.CreateDirectory(folder);
    File.WriteAllLines(Path.Combine(folder, MeasurementsOpener.FileName), values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
    return folder;
}

/// <summary>The Substra artifacts `dotnet build` wrote for the referenced projects (recorded by SubstraArtifacts.targets).</summary>
internal sealed record Artifacts(IReadOnlyList<string> Folders)
{
    public static Artifacts FromAssembly(Assembly assembly) => new(assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Where(a => a.Key.StartsWith("SubstraArtifacts:", StringComparison.Ordinal) && a.Value is not null)
        .Select(a => a.Value!)
        .ToList());

    public string Find(string kind, string file)
        => Folders.Select(f => Path.Combine(f, kind, file)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"'{kind}/{file}' was not built; run dotnet build first.");
}

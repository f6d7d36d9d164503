using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Substra.Sdk;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Models;
using Substra.Sdk.Plans;
using Substra.Sdk.Schemas;
using Substra.Tools.Plans;
using SubstraApp.Data;
using SubstraApp.Functions;
using SubstraApp.Plan;

// Runs train → evaluate on one organisation, the client "org-1". Its backend comes from configuration: with nothing
// configured, the local subprocess backend. To run the same code on a platform, set it in appsettings.json
// ("Substra:Clients:org-1": { "BackendType": "remote", "Url": …, "Token": … }), or in the environment
// (SUBSTRA_ORG_1_BACKEND_TYPE=remote, SUBSTRA_ORG_1_URL, SUBSTRA_ORG_1_TOKEN), or in the reference's YAML file
// (SUBSTRA_CLIENTS_CONFIGURATION_FILE_PATH).
string work = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("artifacts", "substra"));

// Some data: one sample folder to train on, one to evaluate on.
string trainFolder = WriteSample(Path.Combine(work, "data", "train"), [1.0, 2.0, 3.0, 4.0, 5.0]);
string testFolder = WriteSample(Path.Combine(work, "data", "test"), [2.0, 3.0, 4.0]);

// Configuration from appsettings.json (next to the program) and the environment; warnings and errors on standard error.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
builder.Services.AddSubstra().AddClient("org-1", builder.Configuration.GetSection("Substra:Clients:org-1"), options =>
    options.WorkspaceDirectory ??= Path.Combine(work, "local-worker"));
using IHost host = builder.Build();
try
{
    // A bad setting stops the program here, naming it.
    await host.StartAsync();
}
catch (BadConfigurationException error)
{
    Console.Error.WriteLine($"The Substra configuration is not valid: {error.Message}");
    return 2;
}

SubstraClient client = host.Services.GetRequiredService<ISubstraClientFactory>().CreateClient("org-1");
string organisation = (await client.ListOrganizationAsync()).Single(o => o.IsCurrent).Id;
Console.WriteLine($"org-1 is {organisation} ({client.BackendMode} backend)");

// The opener and the functions `dotnet build` packaged: the generated SubstraArtifacts class knows where they are.
string dataset = await client.AddDatasetAsync(SubstraArtifacts.Openers.Measurements.ToDatasetSpec("measurements", Permissions.PublicAccess, Permissions.PublicAccess));
IReadOnlyList<string> trainSamples = await client.AddDataSamplesAsync(new DataSampleSpec { Paths = [trainFolder], DataManagerKeys = [dataset] });
IReadOnlyList<string> testSamples = await client.AddDataSamplesAsync(new DataSampleSpec { Paths = [testFolder], DataManagerKeys = [dataset] });

var plan = new ComputePlanBuilder("SubstraApp").WithDatasetOwner(dataset, organisation);
foreach (FunctionHandle function in new FunctionHandle[] { MeanFunctions.Handles.Train, MeanFunctions.Handles.Evaluate })
{
    string key = await client.AddFunctionAsync(SubstraArtifacts.Function(function).ToSpec(Permissions.PublicAccess));
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
Console.WriteLine($"Submitted compute plan {spec.Key}; waiting for it to finish");
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

await host.StopAsync();
return 0;

static string WriteSample(string folder, double[] values)
{
    Directory.CreateDirectory(folder);
    File.WriteAllLines(Path.Combine(folder, MeasurementsOpener.FileName), values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
    return folder;
}

using Microsoft.Extensions.DependencyInjection;
using Substra.Samples.PythonOpener.Functions;
using Substra.Sdk;
using Substra.Sdk.Backends;
using Substra.Sdk.Models;
using Substra.Sdk.Plans;
using Substra.Sdk.Schemas;

namespace Substra.Samples.PythonOpener;

/// <summary>
/// Two organisations register their patients with the Python opener <c>opener.py</c> (pandas), as providers of an existing
/// federation do; the first registers the C# functions and runs the plan train@org-1 → train@org-2 → evaluate on both.
/// </summary>
public static class PythonOpenerExperiment
{
    public const int Organisations = 2;

    public static string OpenerPath => Path.Combine(AppContext.BaseDirectory, "opener.py");

    /// <summary>Runs the plan and returns the accuracy per organisation name.</summary>
    /// <param name="python">The interpreter with numpy and pandas that runs the opener (SUBSTRA_PYTHON's role); null: the default.</param>
    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string work, string? python, TextWriter console, CancellationToken cancellationToken)
    {
        work = Path.GetFullPath(work);
        var dataFolder = Path.Combine(work, "data");
        var workspace = Path.Combine(work, "local-worker");
        foreach (var folder in new[] { dataFolder, workspace })
        {
            // The data is written afresh: samples registered by a previous run would point at rewritten files.
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        var samples = PatientData.Write(dataFolder, Organisations);
        var descriptionFile = Path.Combine(work, "description.md");
        await File.WriteAllTextAsync(descriptionFile, "# Patients\n\nRead by opener.py, a pandas opener.\n", cancellationToken);

        var services = new ServiceCollection();
        var substra = services.AddSubstra();
        var names = Enumerable.Range(1, Organisations).Select(i => $"org-{i}").ToArray();
        foreach (var name in names)
        {
            substra.AddClient(name, client =>
            {
                client.BackendType = BackendType.LocalSubprocess;
                client.ConfigurationFile = "";
                client.WorkspaceDirectory = workspace;
                client.PythonInterpreter = python;
            });
        }

        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ISubstraClientFactory>();
        var clients = names.Select(factory.CreateClient).ToArray();
        var data = new List<(string Worker, string Dataset, IReadOnlyList<string> Samples)>();
        for (var i = 0; i < clients.Length; i++)
        {
            var worker = (await clients[i].ListOrganizationAsync(cancellationToken)).Single(o => o.IsCurrent).Id;
            var dataset = await clients[i].AddDatasetAsync(new DatasetSpec
            {
                Name = $"patients of {names[i]}", DataOpener = OpenerPath, Description = descriptionFile,
                Permissions = Permissions.PublicAccess, LogsPermission = Permissions.PublicAccess,
            }, cancellationToken);
            var keys = await clients[i].AddDataSamplesAsync(new DataSampleSpec { Paths = [samples[i]], DataManagerKeys = [dataset] }, cancellationToken: cancellationToken);
            data.Add((worker, dataset, keys));
            console.WriteLine($"{names[i]} ({worker}) registered its patients with the Python opener: dataset {dataset}");
        }

        var owner = clients[0];
        var plan = new ComputePlanBuilder("C# on a pandas opener");
        foreach (var function in new Substra.Tools.Plans.FunctionHandle[] { PatientFunctions.Handles.Train, PatientFunctions.Handles.Evaluate })
        {
            var key = await owner.AddFunctionAsync(
                SubstraArtifacts.Function(function).ToSpec(Permissions.PublicAccess),
                cancellationToken);
            plan.WithFunctionKey(function, key);
        }

        foreach (var (worker, dataset, _) in data)
        {
            plan.WithDatasetOwner(dataset, worker);
        }

        var first = plan.AddTask(PatientFunctions.Handles.Train, data[0].Worker).WithData(data[0].Dataset, data[0].Samples);
        var second = plan.AddTask(PatientFunctions.Handles.Train, data[1].Worker)
            .WithData(data[1].Dataset, data[1].Samples)
            .WithInput(h => h.Inputs.Model, first.Output(h => h.Outputs.Model));
        foreach (var (worker, dataset, keys) in data)
        {
            plan.AddTask(PatientFunctions.Handles.Evaluate, worker).WithData(dataset, keys).WithInput(h => h.Inputs.Model, second.Output(h => h.Outputs.Model));
        }

        var spec = plan.Build();
        await owner.AddComputePlanAsync(spec, cancellationToken: cancellationToken);
        var finished = await owner.WaitComputePlanAsync(spec.Key, pollingPeriod: TimeSpan.FromMilliseconds(250), raiseOnFailure: false, cancellationToken: cancellationToken);
        if (finished.Status != ComputePlanStatus.Done)
        {
            var detail = finished.FailedTaskKey is { } failed ? "\n" + await owner.GetLogsAsync(failed, cancellationToken) : string.Empty;
            throw new InvalidOperationException($"The compute plan {spec.Key} ended {finished.Status}.{detail}");
        }

        var performances = await owner.GetPerformancesAsync(spec.Key, cancellationToken: cancellationToken);
        var labels = data.Select((d, i) => (d.Worker, names[i])).ToDictionary(x => x.Worker, x => x.Item2);
        var accuracies = performances.Rows.ToDictionary(row => labels[row.Worker], row => row.Performance);
        foreach (var (name, accuracy) in accuracies.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            console.WriteLine($"{name}: accuracy {accuracy:F3}");
        }

        return accuracies;
    }
}

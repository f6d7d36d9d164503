using Substra.Samples.FedAvg.Functions;
using Substra.Sdk;
using Substra.Sdk.Artifacts;
using Substra.Sdk.Plans;
using Substra.Sdk.Schemas;
using Substra.Tools.Plans;

namespace Substra.Samples.FedAvg;

/// <summary>
/// The sample's compute plan: FedAvg over every organisation, and, for comparison, each organisation training alone on
/// its own data for as many rounds, its model then evaluated on every organisation's test data.
/// </summary>
public static class FedAvgPlan
{
    /// <summary>
    /// Registers the train, aggregate and evaluate functions that <c>dotnet build</c> packaged (the generated
    /// <c>SubstraArtifacts</c> class knows where) with <paramref name="client"/>, and gives their keys to the plan.
    /// </summary>
    /// <param name="artifactsFolder">
    /// Another build's <c>substra/</c> folder whose <c>functions/</c> archives are registered instead (e.g. a NativeAOT
    /// build of the functions), or null.
    /// </param>
    public static async Task RegisterFunctionsAsync(
        ComputePlanBuilder plan,
        SubstraClient client,
        string? artifactsFolder = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        foreach (FunctionHandle function in new FunctionHandle[] { FedAvgFunctions.Handles.Train, FedAvgFunctions.Handles.Aggregate, FedAvgFunctions.Handles.Evaluate })
        {
            BuiltFunction built = SubstraArtifacts.Function(function);
            if (artifactsFolder is not null)
            {
                built = FromFolder(built, artifactsFolder);
            }

            string key = await client.AddFunctionAsync(built.ToSpec(Permissions.PublicAccess), cancellationToken);
            plan.WithFunctionKey(function, key);
        }
    }

    // The same function's files in another build's substra/functions/ folder; all three must be there.
    private static BuiltFunction FromFolder(BuiltFunction built, string artifactsFolder)
    {
        string functions = Path.Combine(Path.GetFullPath(artifactsFolder), "functions");
        var replacement = built with
        {
            Archive = Path.Combine(functions, built.Name + ".zip"),
            Schema = Path.Combine(functions, built.Name + ".json"),
            Description = Path.Combine(functions, built.Name + ".md"),
        };
        foreach (string file in new[] { replacement.Archive, replacement.Schema, replacement.Description })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException(
                    $"The function '{built.Name}' has no '{Path.GetFileName(file)}' in {functions}: give the substra/ folder of a build of the functions project (bin/<configuration>/<framework>/substra).",
                    file);
            }
        }

        return replacement;
    }

    /// <summary>The dataset spec of an organisation, with the opener <c>dotnet build</c> packaged.</summary>
    public static DatasetSpec Dataset(string name)
        => SubstraArtifacts.Openers.FedavgCsv.ToDatasetSpec(name, Permissions.PublicAccess, Permissions.PublicAccess);

    /// <summary>
    /// Registers the functions with <paramref name="aggregator"/> and adds <paramref name="rounds"/> rounds of FedAvg
    /// over <paramref name="data"/>, aggregated by the first organisation (functions from <paramref name="artifactsFolder"/>
    /// when given, see <see cref="RegisterFunctionsAsync"/>).
    /// </summary>
    public static async Task<IReadOnlyList<FederatedRound>> AddFedAvgAsync(
        ComputePlanBuilder plan,
        SubstraClient aggregator,
        IReadOnlyList<DataOrganization> data,
        int rounds,
        string? artifactsFolder = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        await RegisterFunctionsAsync(plan, aggregator, artifactsFolder, cancellationToken);
        return AddFedAvg(plan, data, rounds);
    }

    /// <summary>FedAvg (the functions' keys already given): each round trains everywhere, averages on the first organisation, evaluates everywhere.</summary>
    public static IReadOnlyList<FederatedRound> AddFedAvg(ComputePlanBuilder plan, IReadOnlyList<DataOrganization> data, int rounds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(data);
        foreach (DataOrganization organisation in data)
        {
            plan.WithDatasetOwner(organisation.DatasetKey, organisation.Worker);
        }

        return plan.AddFedAvgRounds(
            FedAvgFunctions.Handles.Train, h => h.Inputs.Model, h => h.Outputs.Model,
            FedAvgFunctions.Handles.Aggregate, h => h.Inputs.Models, h => h.Outputs.Model,
            FedAvgFunctions.Handles.Evaluate, h => h.Inputs.Model,
            aggregator: data[0].Worker,
            data,
            rounds);
    }

    /// <summary>
    /// <paramref name="alone"/> trains on its own data only, <paramref name="rounds"/> times in a row (as much training as
    /// FedAvg gives it); the model is then evaluated on every organisation's test data. Returns the evaluations, in the
    /// order of <paramref name="everyone"/>.
    /// </summary>
    public static IReadOnlyList<PlanTask> AddTrainingAlone(ComputePlanBuilder plan, DataOrganization alone, IReadOnlyList<DataOrganization> everyone, int rounds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(alone);
        ArgumentNullException.ThrowIfNull(everyone);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        TaskOutput? model = null;
        for (int round = 1; round <= rounds; round++)
        {
            var train = plan.AddTask(FedAvgFunctions.Handles.Train, alone.Worker)
                .WithData(alone.DatasetKey, alone.TrainSampleKeys)
                .WithTag("alone");
            if (model is not null)
            {
                train.WithInput(h => h.Inputs.Model, model);
            }

            model = train.Output(h => h.Outputs.Model);
        }

        return everyone.Select(organisation => (PlanTask)plan.AddTask(FedAvgFunctions.Handles.Evaluate, organisation.Worker)
                .WithData(organisation.DatasetKey, organisation.TestSampleKeys)
                .WithInput(h => h.Inputs.Model, model!)
                .WithTag("alone"))
            .ToList();
    }
}

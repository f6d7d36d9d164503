using Substra.Samples.FedAvg.Functions;
using Substra.Sdk;
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
    public static async Task RegisterFunctionsAsync(ComputePlanBuilder plan, SubstraClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        foreach (FunctionHandle function in new FunctionHandle[] { FedAvgFunctions.Handles.Train, FedAvgFunctions.Handles.Aggregate, FedAvgFunctions.Handles.Evaluate })
        {
            string key = await client.AddFunctionAsync(SubstraArtifacts.Function(function).ToSpec(Permissions.PublicAccess), cancellationToken);
            plan.WithFunctionKey(function, key);
        }
    }

    /// <summary>The dataset spec of an organisation, with the opener <c>dotnet build</c> packaged.</summary>
    public static DatasetSpec Dataset(string name)
        => SubstraArtifacts.Openers.FedavgCsv.ToDatasetSpec(name, Permissions.PublicAccess, Permissions.PublicAccess);

    /// <summary>
    /// Registers the functions with <paramref name="aggregator"/> and adds <paramref name="rounds"/> rounds of FedAvg
    /// over <paramref name="data"/>, aggregated by the first organisation.
    /// </summary>
    public static async Task<IReadOnlyList<FederatedRound>> AddFedAvgAsync(
        ComputePlanBuilder plan,
        SubstraClient aggregator,
        IReadOnlyList<DataOrganization> data,
        int rounds,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        await RegisterFunctionsAsync(plan, aggregator, cancellationToken);
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

using Substra.Tools.Plans;

namespace Substra.Sdk.Plans;

/// <summary>The usual federated shapes, written with the typed builder so their wiring is checked like hand-written plans.</summary>
public static class FederatedPlanExtensions
{
    /// <summary>
    /// FedAvg: each round trains the previous round's model on every data organisation, averages the trained models on
    /// <paramref name="aggregator"/>, and evaluates the average on every organisation's test samples. Every task carries
    /// <c>round_idx</c> = its round (1-based). The first round trains from scratch, so the train model input must be optional
    /// unless <paramref name="initialModel"/> is given.
    /// </summary>
    public static IReadOnlyList<FederatedRound> AddFedAvgRounds<TTrain, TAggregate, TEvaluate>(
        this ComputePlanBuilder plan,
        TTrain train,
        Func<TTrain, ModelInputSlot> trainModelInput,
        Func<TTrain, ModelOutputSlot> trainModelOutput,
        TAggregate aggregate,
        Func<TAggregate, MultipleModelInputSlot> aggregateModelsInput,
        Func<TAggregate, ModelOutputSlot> aggregateModelOutput,
        TEvaluate evaluate,
        Func<TEvaluate, ModelInputSlot> evaluateModelInput,
        string aggregator,
        IReadOnlyList<DataOrganization> organizations,
        int rounds,
        TaskOutput? initialModel = null)
        where TTrain : FunctionHandle
        where TAggregate : FunctionHandle
        where TEvaluate : FunctionHandle
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(aggregator);
        CheckShape(organizations, rounds);
        CheckFirstRoundInput(train, trainModelInput, initialModel);

        var result = new List<FederatedRound>(rounds);
        TaskOutput? model = initialModel;
        for (int round = 1; round <= rounds; round++)
        {
            var trainTasks = new List<PlanTask>();
            var trained = new List<TaskOutput>();
            foreach (DataOrganization organization in organizations)
            {
                PlanTask<TTrain> task = plan.AddTask(train, organization.Worker)
                    .WithData(organization.DatasetKey, organization.TrainSampleKeys)
                    .WithRoundIndex(round);
                if (model is not null)
                {
                    task.WithInput(trainModelInput, model);
                }

                trainTasks.Add(task);
                trained.Add(task.Output(trainModelOutput));
            }

            PlanTask<TAggregate> average = plan.AddTask(aggregate, aggregator)
                .WithInput(aggregateModelsInput, trained)
                .WithRoundIndex(round);
            model = average.Output(aggregateModelOutput);
            IReadOnlyList<PlanTask> evaluations = AddEvaluations(plan, evaluate, evaluateModelInput, organizations, model, round);
            result.Add(new FederatedRound(round, trainTasks, average, evaluations, model));
        }

        return result;
    }

    /// <summary>
    /// Cyclic training: each round passes one model through every data organisation in turn (each trains it further),
    /// then evaluates it on every organisation's test samples. Every task carries <c>round_idx</c> = its round (1-based).
    /// </summary>
    public static IReadOnlyList<FederatedRound> AddCyclicTraining<TTrain, TEvaluate>(
        this ComputePlanBuilder plan,
        TTrain train,
        Func<TTrain, ModelInputSlot> trainModelInput,
        Func<TTrain, ModelOutputSlot> trainModelOutput,
        TEvaluate evaluate,
        Func<TEvaluate, ModelInputSlot> evaluateModelInput,
        IReadOnlyList<DataOrganization> organizations,
        int rounds,
        TaskOutput? initialModel = null)
        where TTrain : FunctionHandle
        where TEvaluate : FunctionHandle
    {
        ArgumentNullException.ThrowIfNull(plan);
        CheckShape(organizations, rounds);
        CheckFirstRoundInput(train, trainModelInput, initialModel);

        var result = new List<FederatedRound>(rounds);
        TaskOutput? model = initialModel;
        for (int round = 1; round <= rounds; round++)
        {
            var trainTasks = new List<PlanTask>();
            foreach (DataOrganization organization in organizations)
            {
                PlanTask<TTrain> task = plan.AddTask(train, organization.Worker)
                    .WithData(organization.DatasetKey, organization.TrainSampleKeys)
                    .WithRoundIndex(round);
                if (model is not null)
                {
                    task.WithInput(trainModelInput, model);
                }

                trainTasks.Add(task);
                model = task.Output(trainModelOutput);
            }

            IReadOnlyList<PlanTask> evaluations = AddEvaluations(plan, evaluate, evaluateModelInput, organizations, model!, round);
            result.Add(new FederatedRound(round, trainTasks, null, evaluations, model!));
        }

        return result;
    }

    private static IReadOnlyList<PlanTask> AddEvaluations<TEvaluate>(
        ComputePlanBuilder plan,
        TEvaluate evaluate,
        Func<TEvaluate, ModelInputSlot> evaluateModelInput,
        IReadOnlyList<DataOrganization> organizations,
        TaskOutput model,
        int round)
        where TEvaluate : FunctionHandle
    {
        var evaluations = new List<PlanTask>(organizations.Count);
        foreach (DataOrganization organization in organizations)
        {
            evaluations.Add(plan.AddTask(evaluate, organization.Worker)
                .WithData(organization.DatasetKey, organization.TestSampleKeys)
                .WithInput(evaluateModelInput, model)
                .WithRoundIndex(round));
        }

        return evaluations;
    }

    private static void CheckShape(IReadOnlyList<DataOrganization> organizations, int rounds)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        if (organizations.Count == 0)
        {
            throw new ArgumentException("A federated plan needs at least one data organisation.", nameof(organizations));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
    }

    private static void CheckFirstRoundInput<TTrain>(TTrain train, Func<TTrain, ModelInputSlot> trainModelInput, TaskOutput? initialModel)
        where TTrain : FunctionHandle
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(trainModelInput);
        ModelInputSlot slot = trainModelInput(train);
        if (initialModel is null && !slot.Optional)
        {
            throw new ArgumentException(
                $"The input '{slot.Identifier}' of function '{train.Name}' is required, so the first round has nothing to feed it: "
                + "make it optional ([ModelInput(\"" + slot.Identifier + "\", Optional = true)]) or pass an initial model.",
                nameof(trainModelInput));
        }
    }
}

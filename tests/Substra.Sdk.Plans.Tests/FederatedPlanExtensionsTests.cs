using Substra.Sdk.Schemas;
using static Substra.Sdk.Plans.Tests.TestHandles;

namespace Substra.Sdk.Plans.Tests;

public sealed class FederatedPlanExtensionsTests
{
    private static readonly DataOrganization[] Organizations =
    [
        new("org-1", "d1", ["t1"], ["e1"]),
        new("org-2", "d2", ["t2"], ["e2"]),
        new("org-3", "d3", ["t3"], ["e3"]),
    ];

    private static ComputePlanBuilder NewPlan()
    {
        var plan = new ComputePlanBuilder("fl")
            .WithFunctionKey(Train, "ft")
            .WithFunctionKey(Aggregate, "fa")
            .WithFunctionKey(Evaluate, "fe")
            .WithFunctionKey(Refine, "fr");
        foreach (DataOrganization organization in Organizations)
        {
            plan.WithDatasetOwner(organization.DatasetKey, organization.Worker);
        }

        return plan;
    }

    [Fact]
    public void FedAvg_rounds_train_everywhere_aggregate_once_and_evaluate_everywhere()
    {
        ComputePlanBuilder plan = NewPlan();
        IReadOnlyList<FederatedRound> rounds = plan.AddFedAvgRounds(
            Train, h => h.Inputs.Model, h => h.Outputs.Model,
            Aggregate, h => h.Inputs.Models, h => h.Outputs.Model,
            Evaluate, h => h.Inputs.Model,
            aggregator: "org-1",
            Organizations,
            rounds: 3);

        ComputePlanSpec spec = plan.Build();

        Assert.Equal(3 * 7, spec.Tasks!.Count);
        Assert.Equal([1, 2, 3], rounds.Select(r => r.Round));
        Dictionary<string, ComputePlanTaskSpec> byId = spec.Tasks.ToDictionary(t => t.TaskId);
        for (int r = 0; r < 3; r++)
        {
            FederatedRound round = rounds[r];
            Assert.All(round.Train.Concat(round.Evaluate).Append(round.Aggregate!), t => Assert.Equal($"{r + 1}", byId[t.TaskId].Metadata!["round_idx"]));
            Assert.Equal(["org-1", "org-2", "org-3"], round.Train.Select(t => t.Worker));
            Assert.Equal("org-1", round.Aggregate!.Worker);
            Assert.Equal(round.Train.Select(t => t.TaskId), byId[round.Aggregate.TaskId].Inputs!.Select(i => i.ParentTaskKey));
            Assert.All(round.Evaluate, e => Assert.Equal(round.Aggregate.TaskId, byId[e.TaskId].Inputs![^1].ParentTaskKey));
            Assert.Equal(["e1", "e2", "e3"], round.Evaluate.Select(e => byId[e.TaskId].Inputs!.Single(i => i.Identifier == "datasamples").AssetKey));

            IEnumerable<InputRef> modelInputs = round.Train.SelectMany(t => byId[t.TaskId].Inputs!.Where(i => i.Identifier == "model"));
            if (r == 0)
            {
                Assert.Empty(modelInputs);
            }
            else
            {
                Assert.All(modelInputs, i => Assert.Equal(rounds[r - 1].Aggregate!.TaskId, i.ParentTaskKey));
            }
        }

        Assert.Equal(rounds[^1].Aggregate!.TaskId, rounds[^1].Model.TaskKey);
    }

    [Fact]
    public void Cyclic_training_passes_the_model_around_and_evaluates_each_round()
    {
        ComputePlanBuilder plan = NewPlan();
        IReadOnlyList<FederatedRound> rounds = plan.AddCyclicTraining(
            Train, h => h.Inputs.Model, h => h.Outputs.Model,
            Evaluate, h => h.Inputs.Model,
            Organizations,
            rounds: 2);

        ComputePlanSpec spec = plan.Build();

        Assert.Equal(2 * 6, spec.Tasks!.Count);
        Dictionary<string, ComputePlanTaskSpec> byId = spec.Tasks.ToDictionary(t => t.TaskId);
        PlanTask[] chain = rounds.SelectMany(r => r.Train).ToArray();
        Assert.Equal(["org-1", "org-2", "org-3", "org-1", "org-2", "org-3"], chain.Select(t => t.Worker));
        Assert.DoesNotContain(byId[chain[0].TaskId].Inputs!, i => i.Identifier == "model");
        for (int i = 1; i < chain.Length; i++)
        {
            Assert.Equal(chain[i - 1].TaskId, byId[chain[i].TaskId].Inputs!.Single(x => x.Identifier == "model").ParentTaskKey);
        }

        Assert.All(rounds, r => Assert.All(r.Evaluate, e => Assert.Equal(r.Train[^1].TaskId, byId[e.TaskId].Inputs![^1].ParentTaskKey)));
        Assert.Null(rounds[0].Aggregate);
    }

    [Fact]
    public void A_required_train_input_needs_an_initial_model()
    {
        ComputePlanBuilder plan = NewPlan();

        var error = Assert.Throws<ArgumentException>(() => plan.AddCyclicTraining(
            Refine, h => h.Inputs.Model, h => h.Outputs.Model, Evaluate, h => h.Inputs.Model, Organizations, rounds: 1));

        Assert.Contains("The input 'model' of function 'refine' is required, so the first round has nothing to feed it", error.Message);
    }

    [Fact]
    public void Shapes_reject_empty_organisations_and_zero_rounds()
    {
        ComputePlanBuilder plan = NewPlan();

        Assert.Throws<ArgumentException>(() => plan.AddCyclicTraining(
            Train, h => h.Inputs.Model, h => h.Outputs.Model, Evaluate, h => h.Inputs.Model, [], rounds: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.AddCyclicTraining(
            Train, h => h.Inputs.Model, h => h.Outputs.Model, Evaluate, h => h.Inputs.Model, Organizations, rounds: 0));
    }
}

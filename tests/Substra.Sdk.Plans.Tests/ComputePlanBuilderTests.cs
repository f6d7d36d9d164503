using Substra.Sdk.Schemas;
using static Substra.Sdk.Plans.Tests.TestHandles;

namespace Substra.Sdk.Plans.Tests;

public sealed class ComputePlanBuilderTests
{
    private static ComputePlanBuilder NewPlan() => new ComputePlanBuilder("plan")
        .WithFunctionKey(Train, "function-train")
        .WithFunctionKey(Aggregate, "function-aggregate")
        .WithFunctionKey(Evaluate, "function-evaluate")
        .WithFunctionKey(Refine, "function-refine");

    [Fact]
    public void Build_writes_data_inputs_then_parent_inputs_and_outputs_with_permissions()
    {
        ComputePlanBuilder plan = NewPlan().WithTag("t").WithMetadata("owner", "tests");
        var train = plan.AddTask(Train, "org-1", "train-1").WithData("dataset-1", ["s1", "s2"]).WithRoundIndex(3).WithTag("training");
        plan.AddTask(Evaluate, "org-1", "eval-1").WithData("dataset-1", ["s3"]).WithInput(h => h.Inputs.Model, train.Output(h => h.Outputs.Model));

        ComputePlanSpec spec = plan.Build();

        Assert.Equal("plan", spec.Name);
        Assert.Equal("t", spec.Tag);
        Assert.Equal(plan.Key, spec.Key);
        Assert.Equal("tests", spec.Metadata!["owner"]);
        Assert.Equal(2, spec.Tasks!.Count);
        ComputePlanTaskSpec trainSpec = spec.Tasks[0];
        Assert.Equal("train-1", trainSpec.TaskId);
        Assert.Equal("function-train", trainSpec.FunctionKey);
        Assert.Equal("org-1", trainSpec.Worker);
        Assert.Equal("training", trainSpec.Tag);
        Assert.Equal("3", trainSpec.Metadata!["round_idx"]);
        Assert.Equal(
            [InputRef.FromAsset("opener", "dataset-1"), InputRef.FromAsset("datasamples", "s1"), InputRef.FromAsset("datasamples", "s2")],
            trainSpec.Inputs!);
        Assert.True(trainSpec.Outputs!["model"].Permissions.Public);

        ComputePlanTaskSpec evalSpec = spec.Tasks[1];
        Assert.Equal(InputRef.FromParentTask("model", "train-1", "model"), evalSpec.Inputs![^1]);
        Assert.True(evalSpec.Outputs!["performance"].Permissions.Public);
    }

    [Fact]
    public void Multiple_input_takes_parents_in_order_and_output_permissions_are_kept()
    {
        ComputePlanBuilder plan = NewPlan().WithDefaultOutputPermissions(new Permissions(false, ["org-1"]));
        var a = plan.AddTask(Train, "org-1", "a").WithData("d1", ["s1"]);
        var b = plan.AddTask(Train, "org-2", "b").WithData("d2", ["s2"])
            .WithOutputPermissions(h => h.Outputs.Model, new Permissions(false, ["org-1", "org-2"]), transient: true);
        plan.AddTask(Aggregate, "org-1", "agg").WithInput(h => h.Inputs.Models, a.Output(h => h.Outputs.Model), b.Output(h => h.Outputs.Model));

        ComputePlanSpec spec = plan.Build();

        Assert.Equal(["a", "b"], spec.Tasks![2].Inputs!.Select(i => i.ParentTaskKey));
        Assert.Equal(["org-1"], spec.Tasks[0].Outputs!["model"].Permissions.AuthorizedIds);
        Assert.Equal(["org-1", "org-2"], spec.Tasks[1].Outputs!["model"].Permissions.AuthorizedIds);
        Assert.True(spec.Tasks[1].Outputs!["model"].IsTransient);
    }

    [Fact]
    public void Existing_tasks_and_models_are_valid_sources()
    {
        ComputePlanBuilder plan = NewPlan();
        plan.AddTask(Refine, "org-1", "r1").WithInput(h => h.Inputs.Model, TaskOutput.FromExistingTask("old-task", "model"));
        plan.AddTask(Refine, "org-1", "r2").WithModel(h => h.Inputs.Model, "model-key");

        ComputePlanSpec spec = plan.Build();

        Assert.Equal(InputRef.FromParentTask("model", "old-task", "model"), Assert.Single(spec.Tasks![0].Inputs!));
        Assert.Equal(InputRef.FromAsset("model", "model-key"), Assert.Single(spec.Tasks[1].Inputs!));
    }

    [Fact]
    public void A_cycle_fails_at_build_naming_the_tasks()
    {
        ComputePlanBuilder plan = NewPlan();
        var first = plan.AddTask(Refine, "org-1", "first");
        var second = plan.AddTask(Refine, "org-1", "second").WithInput(h => h.Inputs.Model, first.Output(h => h.Outputs.Model));
        first.WithInput(h => h.Inputs.Model, second.Output(h => h.Outputs.Model));

        var error = Assert.Throws<InvalidComputePlanException>(() => plan.Build());

        Assert.Equal("first", error.TaskId);
        Assert.Contains("cycle: 'first' -> 'second' -> 'first'", error.Message);
    }

    [Fact]
    public void A_missing_required_input_fails_at_build_naming_the_task()
    {
        ComputePlanBuilder plan = NewPlan();
        plan.AddTask(Evaluate, "org-1", "lonely-eval").WithData("d1", ["s1"]);

        var error = Assert.Throws<InvalidComputePlanException>(() => plan.Build());

        Assert.Equal("lonely-eval", error.TaskId);
        Assert.Equal(
            "task 'lonely-eval' (evaluate on org-1): the required input 'model' is not connected. Connect it with WithInput, or make it optional in the function.",
            error.Message);
    }

    [Fact]
    public void Missing_data_fails_at_build()
    {
        ComputePlanBuilder plan = NewPlan();
        plan.AddTask(Train, "org-1", "no-data");

        var error = Assert.Throws<InvalidComputePlanException>(() => plan.Build());

        Assert.Contains("task 'no-data' (train on org-1): the function reads data but no dataset is bound", error.Message);
    }

    [Fact]
    public void A_worker_that_does_not_own_the_data_fails_at_build()
    {
        ComputePlanBuilder plan = NewPlan().WithDatasetOwner("d1", "org-1");
        plan.AddTask(Train, "org-2", "wrong-worker").WithData("d1", ["s1"]);

        var error = Assert.Throws<InvalidComputePlanException>(() => plan.Build());

        Assert.Equal("wrong-worker", error.TaskId);
        Assert.Contains("dataset 'd1' belongs to 'org-1', so the task must run on 'org-1', not on 'org-2'", error.Message);
    }

    [Fact]
    public void A_function_without_key_fails_at_build()
    {
        var plan = new ComputePlanBuilder("plan");
        plan.AddTask(Refine, "org-1", "r").WithModel(h => h.Inputs.Model, "m");

        var error = Assert.Throws<InvalidComputePlanException>(() => plan.Build());

        Assert.Contains("task 'r' (refine on org-1): no key is known for function 'refine'", error.Message);
    }

    [Fact]
    public void A_private_performance_fails_at_build()
    {
        ComputePlanBuilder plan = NewPlan();
        plan.AddTask(Evaluate, "org-1", "e").WithData("d", ["s"]).WithModel(h => h.Inputs.Model, "m")
            .WithOutputPermissions(h => h.Outputs.Performance, new Permissions(false, ["org-1"]));

        var error = Assert.Throws<InvalidComputePlanException>(() => plan.Build());

        Assert.Contains("the performance output 'performance' must be public", error.Message);
    }

    [Fact]
    public void Wiring_errors_the_types_allow_fail_at_once()
    {
        ComputePlanBuilder plan = NewPlan();
        var refine = plan.AddTask(Refine, "org-1", "r").WithModel(h => h.Inputs.Model, "m");

        var twice = Assert.Throws<InvalidOperationException>(() => refine.WithModel(h => h.Inputs.Model, "other"));
        Assert.Contains("The input 'model' of task 'r' (refine on org-1) already has a source and is not multiple", twice.Message);

        var noData = Assert.Throws<InvalidOperationException>(() => plan.AddTask(Aggregate, "org-1").WithData("d", ["s"]));
        Assert.Contains("takes no data", noData.Message);

        var duplicate = Assert.Throws<ArgumentException>(() => plan.AddTask(Refine, "org-1", "r"));
        Assert.Contains("already has a task 'r'", duplicate.Message);

        var foreign = new ComputePlanBuilder("other").AddTask(Refine, "org-1", "x").WithModel(h => h.Inputs.Model, "m");
        var crossPlan = Assert.Throws<InvalidOperationException>(
            () => plan.AddTask(Refine, "org-1").WithInput(h => h.Inputs.Model, foreign.Output(h => h.Outputs.Model)));
        Assert.Contains("belongs to another plan builder", crossPlan.Message);

        var badKey = Assert.Throws<ArgumentException>(() => new ComputePlanBuilder("p", "not-a-uuid"));
        Assert.Contains("'not-a-uuid' is not a UUID", badKey.Message);
    }
}

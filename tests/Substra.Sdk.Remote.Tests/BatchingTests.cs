using Substra.Sdk.Backends;
using Substra.Sdk.Remote.Tests.Infrastructure;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Remote.Tests;

/// <summary>Auto-batching of task/bulk_create by batch_size.</summary>
public sealed class BatchingTests : PlatformTest
{
    [Fact]
    public async Task A_plan_of_1001_tasks_at_batch_size_500_makes_exactly_three_bulk_create_calls()
    {
        var function = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        // A chain: every task but the first depends on the previous one, so order matters too.
        var tasks = Enumerable.Range(0, 1001)
            .Select(i => i == 0 ? Assets.PlanTask("t0", function) : Assets.PlanTask($"t{i}", function, $"t{i - 1}"))
            .Reverse()
            .ToArray();

        await Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "big", Tasks = tasks }, new BatchingOptions(true, 500), None);

        var batches = Platform.RequestsTo("POST", "/task/bulk_create/");
        Assert.Equal([500, 500, 1], batches.Select(b => b.BodyJson!["tasks"]!.AsArray().Count));
        var sent = batches.SelectMany(b => b.BodyJson!["tasks"]!.AsArray().Select(t => (string)t!["key"]!)).ToList();
        Assert.Equal(Enumerable.Range(0, 1001).Select(i => $"t{i}"), sent);
        Assert.Equal(1001, Platform.Store.Count("task"));
    }

    [Fact]
    public async Task Without_auto_batching_every_task_goes_in_one_call()
    {
        var function = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        var tasks = Enumerable.Range(0, 7).Select(i => Assets.PlanTask($"t{i}", function)).ToArray();

        await Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "p", Tasks = tasks }, new BatchingOptions(false, 2), None);

        Assert.Equal(7, Assert.Single(Platform.RequestsTo("POST", "/task/bulk_create/")).BodyJson!["tasks"]!.AsArray().Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_falsy_batch_size_is_refused_before_any_request(int batchSize)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "p" }, new BatchingOptions(true, batchSize), None));

        Assert.StartsWith("Batch size must be defined to create a compute plan with the auto-batching feature.", error.Message);
        Assert.Empty(Platform.Requests);
    }

    [Fact]
    public async Task A_plan_without_tasks_sends_no_bulk_create()
    {
        await Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "empty" }, BatchingOptions.Default, None);

        Assert.Empty(Platform.RequestsTo("POST", "/task/bulk_create/"));
    }

    [Fact]
    public async Task Parents_already_on_the_platform_do_not_block_the_order()
    {
        var function = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        var plan = await Backend.AddComputePlanAsync(
            new ComputePlanSpec { Name = "p", Tasks = [Assets.PlanTask("old", function)] }, BatchingOptions.Default, None);

        await Backend.AddComputePlanTasksAsync(
            new UpdateComputePlanTasksSpec { Key = plan.Key, Tasks = [Assets.PlanTask("b", function, "a"), Assets.PlanTask("a", function, "old")] },
            BatchingOptions.Default,
            None);

        var last = Platform.RequestsTo("POST", "/task/bulk_create/")[^1];
        Assert.Equal(["a", "b"], last.BodyJson!["tasks"]!.AsArray().Select(t => (string)t!["key"]!));
    }
}

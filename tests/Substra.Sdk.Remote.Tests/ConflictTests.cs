using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Remote.Tests.Infrastructure;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Remote.Tests;

/// <summary>
/// 409 on each kind of add: idempotent adds, the existing plan returned (a fix), no key invented from a keyless body, and a
/// refused task batch failing unless its tasks are all in the plan already.
/// </summary>
public sealed class ConflictTests : PlatformTest
{
    [Fact]
    public async Task A_function_that_exists_returns_its_key()
    {
        Platform.InjectFault("POST", "/function/", 409, body: """{"key":"existing-function"}""");

        var key = await Backend.AddFunctionAsync(Assets.Function(Temp), None);

        Assert.Equal("existing-function", key);
        Assert.Contains(Logs.Logs, l => l.Level == LogLevel.Warning && l.Message == "function already exists: key='existing-function'");
    }

    [Fact]
    public async Task A_dataset_that_exists_returns_its_key()
    {
        Platform.InjectFault("POST", "/data_manager/", 409, body: """{"key":"existing-dataset"}""");

        Assert.Equal("existing-dataset", await Backend.AddDatasetAsync(Assets.Dataset(Temp), None));
    }

    [Fact]
    public async Task A_single_data_sample_that_exists_returns_its_key()
    {
        Temp.File("s/x.csv", "1");
        Platform.InjectFault("POST", "/data_sample/", 409, body: """[{"key":"existing-sample"}]""");

        var keys = await Backend.AddDataSamplesAsync(new DataSampleSpec { Path = Temp.Combine("s"), DataManagerKeys = ["dm"] }, true, None);

        Assert.Equal(["existing-sample"], keys);
    }

    [Fact]
    public async Task Several_data_samples_that_exist_raise_AlreadyExists()
    {
        Temp.File("a/x.csv", "1");
        Temp.File("b/x.csv", "1");
        Platform.InjectFault("POST", "/data_sample/", 409, body: """[{"key":"s1"},{"key":"s2"}]""");

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => Backend.AddDataSamplesAsync(
            new DataSampleSpec { Paths = [Temp.Combine("a"), Temp.Combine("b")], DataManagerKeys = ["dm"] }, true, None));

        Assert.Equal(["s1", "s2"], error.Keys);
    }

    [Fact]
    public async Task A_plan_that_exists_is_fetched_and_returned()
    {
        var first = await Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "original" }, BatchingOptions.Default, None);
        Platform.ClearRequests();

        var again = await Backend.AddComputePlanAsync(new ComputePlanSpec { Key = first.Key, Name = "second try" }, BatchingOptions.Default, None);

        Assert.Equal(first.Key, again.Key);
        Assert.Equal("original", again.Name);
        Assert.Equal([$"POST /compute_plan/", $"GET /compute_plan/{first.Key}/"], Platform.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task A_conflict_without_a_key_is_AlreadyExists_with_the_detail()
    {
        Platform.InjectFault("POST", "/function/", 409, body: """{"detail": "function already exists"}""");

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => Backend.AddFunctionAsync(Assets.Function(Temp), None));

        Assert.Null(error.Key);
        Assert.Empty(error.Keys);
        Assert.Equal("function already exists", error.Detail);
        Assert.StartsWith("The object already exists, but the platform's answer names no key: function already exists.", error.Message);
        Assert.Single(Platform.Requests);
    }

    [Fact]
    public async Task A_plan_conflict_without_a_key_is_not_taken_for_a_key()
    {
        Platform.InjectFault("POST", "/compute_plan/", 409, body: """{"detail": "compute plan already exists"}""");

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(
            () => Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "p" }, BatchingOptions.Default, None));

        Assert.Equal("compute plan already exists", error.Detail);
        Assert.Equal(["POST /compute_plan/"], Platform.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task A_refused_batch_fails_naming_the_batch_and_the_tasks_not_created()
    {
        var function = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        // "t2" is taken by a task of another plan.
        await Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "other", Tasks = [Assets.PlanTask("t2", function)] }, BatchingOptions.Default, None);
        var tasks = Enumerable.Range(0, 6).Select(i => Assets.PlanTask($"t{i}", function)).ToArray();
        var spec = new ComputePlanSpec { Name = "p", Tasks = tasks };
        Platform.ClearRequests();

        var error = await Assert.ThrowsAsync<TaskBatchNotCreatedException>(
            () => Backend.AddComputePlanAsync(spec, new BatchingOptions(true, 2), None));

        Assert.Equal((spec.Key, 1, 3, 2, 2), (error.ComputePlanKey, error.BatchIndex, error.BatchCount, error.FirstTaskIndex, error.TaskCount));
        Assert.Equal(["t2", "t3", "t4", "t5"], error.NotCreatedTaskKeys);
        Assert.StartsWith($"Batch 2/3 of compute plan '{spec.Key}' (tasks 3-4 of 6 in rank order) was refused with 409 Conflict", error.Message);
        Assert.Contains("4 task(s) are not in the plan: 't2', 't3', 't4', 't5'", error.Message, StringComparison.Ordinal);
        Assert.IsType<AlreadyExistsException>(error.InnerException);
        Assert.Equal(2, Platform.RequestsTo("POST", "/task/bulk_create/").Count);
        Assert.Equal(["t0", "t1"], Platform.Store.All("task").Where(t => (string?)t["compute_plan_key"] == spec.Key).Select(t => (string)t["key"]!));
        var check = Assert.Single(Platform.RequestsTo("GET", "/task/"));
        Assert.Equal(["t2,t3"], check.Query["key"]);
        Assert.Equal([spec.Key], check.Query["compute_plan_key"]);
    }

    [Fact]
    public async Task A_batch_refused_before_anything_was_created_lists_every_task()
    {
        var function = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        Platform.InjectFault("POST", "/task/bulk_create/", 409, body: """[{"key":"t1"}]""");
        var tasks = Enumerable.Range(0, 3).Select(i => Assets.PlanTask($"t{i}", function)).ToArray();

        var error = await Assert.ThrowsAsync<TaskBatchNotCreatedException>(
            () => Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "p", Tasks = tasks }, new BatchingOptions(false, 0), None));

        Assert.Equal((0, 1, 0, 3), (error.BatchIndex, error.BatchCount, error.FirstTaskIndex, error.TaskCount));
        Assert.Equal(["t0", "t1", "t2"], error.NotCreatedTaskKeys);
        Assert.Equal(0, Platform.Store.Count("task"));
    }

    [Fact]
    public async Task A_plan_submitted_again_with_the_same_tasks_returns_the_existing_plan()
    {
        var function = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        var spec = new ComputePlanSpec { Name = "p", Tasks = Enumerable.Range(0, 4).Select(i => Assets.PlanTask($"t{i}", function)).ToArray() };
        await Backend.AddComputePlanAsync(spec, new BatchingOptions(true, 2), None);

        var again = await Backend.AddComputePlanAsync(spec, new BatchingOptions(true, 2), None);

        Assert.Equal(spec.Key, again.Key);
        Assert.Equal(4, Platform.Store.Count("task"));
        Assert.Equal(4, Platform.RequestsTo("POST", "/task/bulk_create/").Count);
        Assert.Equal(2, Logs.Logs.Count(l => l.Level == LogLevel.Warning && l.Message.Contains("every task already exists", StringComparison.Ordinal)));
    }
}

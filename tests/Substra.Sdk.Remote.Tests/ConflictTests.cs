using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Remote.Tests.Infrastructure;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Remote.Tests;

/// <summary>409 on each kind of add (§5.4): idempotent adds, the existing plan returned (a fix), batches continuing.</summary>
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
    public async Task A_task_batch_that_exists_is_skipped_and_the_next_batch_is_sent()
    {
        var function = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        Platform.InjectFault("POST", "/task/bulk_create/", 409, body: """[{"key":"t1"}]""");
        var tasks = Enumerable.Range(0, 4).Select(i => Assets.PlanTask($"t{i}", function)).ToArray();

        await Backend.AddComputePlanAsync(new ComputePlanSpec { Name = "p", Tasks = tasks }, new BatchingOptions(true, 2), None);

        Assert.Equal(2, Platform.RequestsTo("POST", "/task/bulk_create/").Count);
        Assert.Equal(2, Platform.Store.Count("task"));
        Assert.Contains(Logs.Logs, l => l.Level == LogLevel.Warning && l.Message.Contains("sending the next batch", StringComparison.Ordinal));
    }
}

using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalClients;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>A failed local plan says which task failed, in which function and worker, why, and how its log ends.</summary>
public sealed class FailureMessageTests : IDisposable
{
    private static readonly TimeSpan Polling = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_failed_plan_names_the_failed_task_its_function_worker_error_type_and_the_end_of_its_log()
    {
        await using var client = Create(_temp);
        var org = (await client.OrganizationInfoAsync()).OrganizationId;
        var fail = await client.AddFunctionAsync(Function(_temp, "fail", [], ModelOutput));
        var aggregate = await client.AddFunctionAsync(Function(_temp, "aggregate", ModelsInput, ModelOutput));
        string failing = Guid.NewGuid().ToString(), dependent = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Name = "failing plan",
            Tasks =
            [
                new ComputePlanTaskSpec { TaskId = failing, FunctionKey = fail, Worker = org, Outputs = PublicModel },
                new ComputePlanTaskSpec
                {
                    TaskId = dependent, FunctionKey = aggregate, Worker = org, Outputs = PublicModel,
                    Inputs = [InputRef.FromParentTask("models", failing, "model")],
                },
            ],
        };
        await client.AddComputePlanAsync(spec);

        var error = await Assert.ThrowsAsync<FutureFailureException>(() => client.WaitComputePlanAsync(spec.Key, Timeout, Polling));

        Assert.StartsWith(
            $"Compute plan {spec.Key} ('failing plan') failed: task {failing} (function 'fail' {fail}, worker {org}) failed with EXECUTION_ERROR.\n"
            + "Last lines of its log:\n    ",
            error.Message);
        Assert.EndsWith(
            $"\nThe whole log: GetLogsAsync(\"{failing}\"); the asset waited for is this exception's Asset, the failed task its FailedTask.",
            error.Message);
        Assert.Contains("\n    about to fail\n", error.Message);
        Assert.Contains("\n    boom: this function always fails\n", error.Message);
        Assert.Contains("exited with code 3", error.LogTail);
        Assert.DoesNotContain("\"key\"", error.Message);
        var plan = Assert.IsType<ComputePlan>(error.Asset);
        Assert.Equal(ComputePlanStatus.Failed, plan.Status);
        Assert.Equal(failing, error.FailedTask!.Key);
        Assert.Equal(TaskErrorType.Execution, error.FailedTask.ErrorType);
        Assert.Equal(await client.GetLogsAsync(failing), await client.GetLogsAsync(failing));
        Assert.EndsWith(error.LogTail!.Split('\n')[^1] + "\n", await client.GetLogsAsync(failing));
    }

    [Fact]
    public async Task A_canceled_dependent_task_wait_says_it_was_canceled()
    {
        await using var client = Create(_temp);
        var org = (await client.OrganizationInfoAsync()).OrganizationId;
        var fail = await client.AddFunctionAsync(Function(_temp, "fail", [], ModelOutput));
        var aggregate = await client.AddFunctionAsync(Function(_temp, "aggregate", ModelsInput, ModelOutput));
        string failing = Guid.NewGuid().ToString(), dependent = Guid.NewGuid().ToString();
        await client.AddComputePlanAsync(new ComputePlanSpec
        {
            Name = "canceled child",
            Tasks =
            [
                new ComputePlanTaskSpec { TaskId = failing, FunctionKey = fail, Worker = org, Outputs = PublicModel },
                new ComputePlanTaskSpec
                {
                    TaskId = dependent, FunctionKey = aggregate, Worker = org, Outputs = PublicModel,
                    Inputs = [InputRef.FromParentTask("models", failing, "model")],
                },
            ],
        });

        var error = await Assert.ThrowsAsync<FutureFailureException>(() => client.WaitTaskAsync(dependent, Timeout, Polling));

        Assert.StartsWith($"Task {dependent} (function 'aggregate' {aggregate}, worker {org}, compute plan ", error.Message);
        Assert.EndsWith(") was canceled.", error.Message);
        Assert.Null(error.LogTail);
    }
}

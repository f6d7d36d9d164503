using Substra.Sdk.Exceptions;
using Substra.Sdk.Models;
using Substra.Sdk.Remote.Tests.Infrastructure;

namespace Substra.Sdk.Remote.Tests;

/// <summary>A failure on a platform explains itself: the failed task, its function, worker, error type and the end of its log.</summary>
public sealed class RemoteFailureTests : PlatformTest
{
    private static readonly TimeSpan Polling = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task A_failed_plan_names_its_failed_task_and_ends_with_the_last_lines_of_its_log()
    {
        var (run, failed, function) = await FailedRunAsync();
        Platform.Store.TaskLogs[failed] = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"log line {i}")) + "\nValueError: boom\n\n";
        await using var client = new SubstraClient(CreateBackend());

        var error = await Assert.ThrowsAsync<FutureFailureException>(() => client.WaitComputePlanAsync(run.PlanKey, pollingPeriod: Polling));

        var expectedLines = Enumerable.Range(12, 19).Select(i => $"log line {i}").Append("ValueError: boom").ToList();
        Assert.Equal(
            $"Compute plan {run.PlanKey} ('progress') failed: task {failed} (function 'remote-train' {function}, worker MyOrg1MSP) failed with EXECUTION_ERROR.\n"
            + "Last lines of its log:\n" + string.Join("\n", expectedLines.Select(line => "    " + line)) + "\n"
            + $"The whole log: GetLogsAsync(\"{failed}\"); the asset waited for is this exception's Asset, the failed task its FailedTask.",
            error.Message);
        Assert.Equal(run.PlanKey, Assert.IsType<ComputePlan>(error.Asset).Key);
        Assert.Equal(failed, error.FailedTask!.Key);
        Assert.Equal(string.Join("\n", expectedLines), error.LogTail);
    }

    [Fact]
    public async Task Logs_the_platform_does_not_give_are_said_in_the_message_and_the_failure_is_still_raised()
    {
        var (run, failed, _) = await FailedRunAsync();
        Platform.InjectFault("GET", $"/task/{failed}/logs/", 403, body: """{"detail": "You do not have permission to perform this action."}""");
        await using var client = new SubstraClient(CreateBackend());

        var error = await Assert.ThrowsAsync<FutureFailureException>(() => client.WaitComputePlanAsync(run.PlanKey, pollingPeriod: Polling));

        Assert.Contains($"task {failed} (function 'remote-train'", error.Message);
        Assert.Contains("failed with EXECUTION_ERROR. Its log could not be read (AuthorizationException: ", error.Message);
        Assert.Null(error.LogTail);
        Assert.Equal(failed, error.FailedTask!.Key);
    }

    [Fact]
    public async Task A_plan_that_names_no_failed_task_has_it_found_among_its_tasks()
    {
        var (run, failed, _) = await FailedRunAsync();
        run.UpdatePlan(plan => plan.Remove("failed_task_key"));
        Platform.Store.TaskLogs[failed] = "Traceback\nboom\n";
        await using var client = new SubstraClient(CreateBackend());

        var error = await Assert.ThrowsAsync<FutureFailureException>(() => client.WaitComputePlanAsync(run.PlanKey, pollingPeriod: Polling));

        Assert.Equal(failed, error.FailedTask!.Key);
        Assert.EndsWith("    Traceback\n    boom\n" + $"The whole log: GetLogsAsync(\"{failed}\"); the asset waited for is this exception's Asset, the failed task its FailedTask.",
            error.Message);
        var listing = Assert.Single(Platform.RequestsTo("GET", "/task/"));
        Assert.Equal(["STATUS_FAILED"], listing.Query["status"]);
        Assert.Equal([run.PlanKey], listing.Query["compute_plan_key"]);
    }

    [Fact]
    public async Task A_failed_task_that_cannot_be_read_leaves_the_plan_failure_whole()
    {
        var (run, failed, _) = await FailedRunAsync();
        Platform.InjectFault("GET", $"/task/{failed}/", 500, times: 1);
        await using var client = new SubstraClient(CreateBackend());

        var error = await Assert.ThrowsAsync<FutureFailureException>(() => client.WaitComputePlanAsync(run.PlanKey, pollingPeriod: Polling));

        Assert.Equal(
            $"Compute plan {run.PlanKey} ('progress') failed (1 of 2 tasks failed); the failed task could not be read (InternalServerErrorException: ",
            error.Message[..error.Message.IndexOf("Exception: ", StringComparison.Ordinal)] + "Exception: ");
        Assert.Null(error.FailedTask);
    }

    [Fact]
    public async Task A_failed_task_wait_names_the_task_its_function_worker_and_plan()
    {
        var (run, failed, function) = await FailedRunAsync();
        Platform.Store.TaskLogs[failed] = "only line";
        await using var client = new SubstraClient(CreateBackend());

        var error = await Assert.ThrowsAsync<FutureFailureException>(() => client.WaitTaskAsync(failed, pollingPeriod: Polling));

        Assert.StartsWith(
            $"Task {failed} (function 'remote-train' {function}, worker MyOrg1MSP, compute plan {run.PlanKey}) failed with EXECUTION_ERROR.\n"
            + "Last lines of its log:\n    only line\n",
            error.Message);
        Assert.Equal(failed, Assert.IsType<ComputeTask>(error.Asset).Key);
    }

    // A plan of two tasks: the first failed with an execution error, the second canceled; the plan names its failed task.
    private async Task<(PlatformRun Run, string Failed, string Function)> FailedRunAsync()
    {
        var run = await PlatformRun.CreateAsync(Platform, Backend, Temp, tasks: 2, functionName: "remote-train");
        var failed = run.TaskKeys[0];
        run.Set(failed, "STATUS_FAILED", "EXECUTION_ERROR");
        run.Set(run.TaskKeys[1], "STATUS_CANCELED");
        run.UpdatePlan(plan => plan["failed_task_key"] = failed);
        var function = (string)Platform.Store.Get("task", failed)!["function"]!["key"]!;
        Platform.ClearRequests();
        return (run, failed, function);
    }
}

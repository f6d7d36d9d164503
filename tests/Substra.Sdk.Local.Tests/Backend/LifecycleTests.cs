using System.Diagnostics;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Tests.Compute;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>The platform's lifecycle locally: failures, cancellation, timeouts, parallelism and progress events.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Task_folders_are_deleted_once_their_tasks_are_done_and_the_client_is_disposed()
    {
        await using var network = new LocalNetwork(maxParallelTasks: 2);
        var org = await network.OrganizationIdAsync(0);
        var function = await network.AddFunctionAsync(0, "dump_arguments", [], [Output("model", AssetKind.Model)]);
        var keys = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString()).ToList();
        var spec = new ComputePlanSpec
        {
            Name = "folders",
            Tasks = keys.Select(key => new ComputePlanTaskSpec
            {
                TaskId = key,
                FunctionKey = function,
                Worker = org,
                Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
            }).ToList(),
        };

        await network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);
        Assert.Equal(ComputePlanStatus.Done, (await network.WaitForPlanAsync(spec.Key)).Status);
        await network[0].DisposeAsync();

        // Folders are deleted in the background, off the tasks' critical path; disposing the client waits for them.
        var left = Directory.GetDirectories(Path.Combine(network.Workspace, "runs"));
        Assert.True(left.Length == 0, $"run folders left in {network.Workspace}: {string.Join(", ", left)}");
    }

    [Fact]
    public async Task A_failed_task_fails_its_plan_cancels_what_can_no_longer_run_and_keeps_its_logs()
    {
        await using var network = new LocalNetwork(maxParallelTasks: 1);
        var org = await network.OrganizationIdAsync(0);
        var fail = await network.AddFunctionAsync(0, "fail", [], [Output("model", AssetKind.Model)]);
        var child = await network.AddFunctionAsync(0, "aggregate", [Input("models", AssetKind.Model, multiple: true)], [Output("model", AssetKind.Model)]);
        var sleep = await network.AddFunctionAsync(0, "sleep_one_second", [], [Output("model", AssetKind.Model)]);
        var changes = new List<TaskStateChange>();
        network[0].TaskStateChanged += (_, change) => { lock (changes) { changes.Add(change); } };
        string failing = Guid.NewGuid().ToString(), dependent = Guid.NewGuid().ToString(), independent = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Name = "failing",
            Tasks =
            [
                Task(failing, fail, org),
                Task(dependent, child, org) with { Inputs = [InputRef.FromParentTask("models", failing, "model")] },
                Task(independent, sleep, org),
            ],
        };

        await network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);
        var plan = await network.WaitForPlanAsync(spec.Key);

        Assert.Equal(ComputePlanStatus.Failed, plan.Status);
        Assert.Equal(failing, plan.FailedTaskKey);
        Assert.Equal(1, plan.FailedCount);
        Assert.Equal(2, plan.CanceledCount);
        Assert.NotNull(plan.EndDate);
        var failed = await network[0].GetTaskAsync(failing, None);
        Assert.Equal(ComputeTaskStatus.Failed, failed.Status);
        Assert.Equal(TaskErrorType.Execution, failed.ErrorType);
        Assert.NotNull(failed.EndDate);
        Assert.Equal(ComputeTaskStatus.Canceled, (await network[0].GetTaskAsync(dependent, None)).Status);
        Assert.Equal(ComputeTaskStatus.Canceled, (await network[0].GetTaskAsync(independent, None)).Status);

        var logs = await network[0].GetLogsAsync(failing, None);
        Assert.Contains("about to fail", logs);
        Assert.Contains("boom: this function always fails", logs);
        Assert.Contains("exited with code 3", logs);
        var logFile = Path.Combine(network.Root, "logs", $"task_logs_{failing}.txt");
        await network[0].DownloadLogsAsync(failing, logFile, None);
        Assert.Equal(logs, await File.ReadAllTextAsync(logFile));
        var noLogs = await Assert.ThrowsAsync<NotFoundException>(() => network[0].GetLogsAsync(dependent, None));
        Assert.StartsWith($"Task {dependent} has no logs: logs are kept for failed tasks, and this task is STATUS_CANCELED.", noLogs.Message);

        lock (changes)
        {
            Assert.Equal(
                [ComputeTaskStatus.Executing, ComputeTaskStatus.Failed],
                changes.Where(change => change.TaskKey == failing).Select(change => change.Status));
            Assert.Contains(changes, change => change.TaskKey == failing && change.ErrorType == TaskErrorType.Execution && change.Worker == org);
            Assert.Contains(changes, change => change.TaskKey == independent && change.Status == ComputeTaskStatus.Canceled);
        }

        // A failed plan takes no more tasks; a task of another plan below the failed one is canceled at once.
        var closed = await Assert.ThrowsAsync<InvalidRequestException>(() => network[0].AddComputePlanTasksAsync(
            new UpdateComputePlanTasksSpec { Key = spec.Key, Tasks = [Task(Guid.NewGuid().ToString(), sleep, org)] }, BatchingOptions.Default, None));
        Assert.Equal($"Cannot add tasks to compute plan {spec.Key}: it is PLAN_STATUS_FAILED. Create a new compute plan instead.", closed.Message);
        var orphan = Guid.NewGuid().ToString();
        var next = new ComputePlanSpec { Name = "next", Tasks = [Task(orphan, child, org) with { Inputs = [InputRef.FromParentTask("models", failing, "model")] }] };
        var nextPlan = await network[0].AddComputePlanAsync(next, BatchingOptions.Default, None);
        Assert.Equal(ComputePlanStatus.Canceled, nextPlan.Status);
        Assert.Equal(ComputeTaskStatus.Canceled, (await network[0].GetTaskAsync(orphan, None)).Status);
    }

    [Fact]
    public async Task A_function_that_cannot_start_is_a_build_error()
    {
        await using var network = new LocalNetwork();
        var org = await network.OrganizationIdAsync(0);
        // Registration accepts it (the script could come from the base image); the subprocess spawner cannot run it.
        var function = await network.AddFunctionAsync(0, "train", [], [Output("model", AssetKind.Model)],
            dockerfile: "FROM python:3.11\nENTRYPOINT [\"python3\", \"missing.py\", \"--function-name\", \"train\"]\n");
        var key = await network[0].AddTaskAsync(new TaskSpec { FunctionKey = function, Worker = org, Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput } }, None);

        var task = await network.WaitForTaskStatusAsync(key, ComputeTaskStatus.Failed);

        Assert.Equal(TaskErrorType.Build, task.ErrorType);
        Assert.Contains("The ENTRYPOINT script 'missing.py' was not found in the function archive", await network[0].GetLogsAsync(key, None));
        var plan = await network[0].GetComputePlanAsync(task.ComputePlanKey, None);
        Assert.Equal(ComputePlanStatus.Failed, plan.Status);
        Assert.Equal(key, plan.FailedTaskKey);
    }

    [Fact]
    public async Task Cancel_kills_the_running_process_and_cancels_the_rest()
    {
        await using var network = new LocalNetwork();
        var org = await network.OrganizationIdAsync(0);
        var sleep = await network.AddFunctionAsync(0, "sleep_forever", [], [Output("model", AssetKind.Model)]);
        var child = await network.AddFunctionAsync(0, "aggregate", [Input("models", AssetKind.Model, multiple: true)], [Output("model", AssetKind.Model)]);
        string sleeping = Guid.NewGuid().ToString(), waiting = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Name = "to cancel",
            Tasks = [Task(sleeping, sleep, org), Task(waiting, child, org) with { Inputs = [InputRef.FromParentTask("models", sleeping, "model")] }],
        };
        await network[0].AddComputePlanAsync(spec, BatchingOptions.Default, None);
        var running = await network.WaitForTaskStatusAsync(sleeping, ComputeTaskStatus.Executing);
        Assert.NotNull(running.StartDate);
        var doing = await network[0].GetComputePlanAsync(spec.Key, None);
        Assert.Equal(ComputePlanStatus.Doing, doing.Status);
        Assert.Equal(1, doing.ExecutingCount);
        Assert.Equal(1, doing.WaitingParentTasksCount);
        var pids = await WaitForPidsAsync(Path.Combine(Assert.Single(Directory.GetDirectories(Path.Combine(network.Workspace, "runs"))), "outputs", "pids"));

        await network[0].CancelComputePlanAsync(spec.Key, None);
        var plan = await network.WaitForPlanAsync(spec.Key);

        Assert.Equal(ComputePlanStatus.Canceled, plan.Status);
        Assert.Equal(2, plan.CanceledCount);
        Assert.Equal(ComputeTaskStatus.Canceled, (await network[0].GetTaskAsync(sleeping, None)).Status);
        Assert.Equal(ComputeTaskStatus.Canceled, (await network[0].GetTaskAsync(waiting, None)).Status);
        await SubprocessSpawnerTests.AssertExitedAsync(pids);
    }

    [Fact]
    public async Task A_task_over_its_timeout_is_killed_and_fails()
    {
        await using var network = new LocalNetwork(taskTimeout: TimeSpan.FromSeconds(2));
        var org = await network.OrganizationIdAsync(0);
        var sleep = await network.AddFunctionAsync(0, "sleep_forever", [], [Output("model", AssetKind.Model)]);
        var key = await network[0].AddTaskAsync(new TaskSpec { FunctionKey = sleep, Worker = org, Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput } }, None);

        var task = await network.WaitForTaskStatusAsync(key, ComputeTaskStatus.Failed);

        Assert.Equal(TaskErrorType.Execution, task.ErrorType);
        Assert.Contains("exceeded its timeout", await network[0].GetLogsAsync(key, None));
    }

    private static ComputePlanTaskSpec Task(string key, string function, string worker) => new()
    {
        TaskId = key,
        FunctionKey = function,
        Worker = worker,
        Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
    };

    private static async Task<int[]> WaitForPidsAsync(string pidFile)
    {
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(pidFile))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the function never wrote its pids");
            await System.Threading.Tasks.Task.Delay(50);
        }

        return (await File.ReadAllTextAsync(pidFile)).Split(' ').Select(int.Parse).ToArray();
    }

}

using System.Diagnostics;
using Substra.Sdk.Backends;
using Substra.Sdk.Configuration;
using Substra.Sdk.Remote.Tests.Infrastructure;

namespace Substra.Sdk.Remote.Tests;

/// <summary>
/// On a platform, which raises no events, a wait's polling derives the task state changes: the same progress bar moves
/// locally and remotely.
/// </summary>
public sealed class RemoteProgressTests : PlatformTest
{
    private static readonly TimeSpan Polling = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task A_plan_wait_reports_each_task_change_it_sees_and_lists_tasks_only_when_the_plan_moved()
    {
        Platform.PageSize = 2;
        var run = await PlatformRun.CreateAsync(Platform, Backend, Temp, tasks: 3);
        var progress = new ChangeLog();
        var events = new ChangeLog();
        await using var client = RemoteClient(progress);
        client.TaskStateChanged += (_, change) => events.Report(change);
        Platform.ClearRequests();

        var wait = client.WaitComputePlanAsync(run.PlanKey, timeout: TimeSpan.FromMinutes(1), pollingPeriod: Polling);

        // The first poll reports every task as it is, from the plan's tasks listed page by page.
        await progress.WaitForAsync(changes => changes.Count == 3, "the three tasks as first seen");
        Assert.Equal(run.TaskKeys.Order(), progress.All.Select(change => change.TaskKey).Order());
        Assert.All(progress.All, change =>
        {
            Assert.Equal(ComputeTaskStatus.WaitingForBuilderSlot, change.Status);
            Assert.Equal(run.PlanKey, change.ComputePlanKey);
            Assert.Equal("MyOrg1MSP", change.Worker);
        });
        var listings = Platform.RequestsTo("GET", "/task/");
        Assert.Equal(["", "2"], listings.Select(request => request.Query.TryGetValue("page", out var page) ? page[0] : ""));
        Assert.All(listings, request => Assert.Equal([run.PlanKey], request.Query["compute_plan_key"]));

        // While nothing moves, the plan is polled but its tasks are not listed again.
        var polled = PlanPolls(run);
        await WaitUntilAsync(() => PlanPolls(run) >= polled + 5, "five more polls of the plan");
        Assert.Equal(2, Platform.RequestsTo("GET", "/task/").Count);

        run.Set(run.TaskKeys[0], "STATUS_EXECUTING");
        await progress.WaitForAsync(changes => changes.Count == 4, "the first task executing");
        Assert.Equal((run.TaskKeys[0], ComputeTaskStatus.Executing), (progress.All[3].TaskKey, progress.All[3].Status));

        foreach (var key in run.TaskKeys)
        {
            run.Set(key, "STATUS_DONE");
        }

        var plan = await wait;

        Assert.Equal(ComputePlanStatus.Done, plan.Status);
        foreach (var key in run.TaskKeys)
        {
            var statuses = progress.All.Where(change => change.TaskKey == key).Select(change => change.Status).ToList();
            Assert.Equal(ComputeTaskStatus.Done, statuses[^1]);
            Assert.Single(statuses, ComputeTaskStatus.Done);
        }

        // The event and the progress sink see the same changes.
        Assert.Equal(progress.All, events.All);
    }

    [Fact]
    public async Task A_task_wait_reports_the_changes_of_its_task()
    {
        var run = await PlatformRun.CreateAsync(Platform, Backend, Temp, tasks: 1);
        var progress = new ChangeLog();
        await using var client = RemoteClient(progress);
        var task = run.TaskKeys[0];

        var wait = client.WaitTaskAsync(task, timeout: TimeSpan.FromMinutes(1), pollingPeriod: Polling);
        await progress.WaitForAsync(changes => changes.Count == 1, "the task as first seen");
        run.Set(task, "STATUS_EXECUTING");
        await progress.WaitForAsync(changes => changes.Count == 2, "the task executing");
        run.Set(task, "STATUS_DONE");
        await wait;

        Assert.Equal(
            [ComputeTaskStatus.WaitingForBuilderSlot, ComputeTaskStatus.Executing, ComputeTaskStatus.Done],
            progress.All.Select(change => change.Status));
    }

    [Fact]
    public async Task Without_a_listener_a_wait_lists_no_tasks()
    {
        var run = await PlatformRun.CreateAsync(Platform, Backend, Temp, tasks: 2);
        await using var client = RemoteClient(progress: null);
        foreach (var key in run.TaskKeys)
        {
            run.Set(key, "STATUS_DONE");
        }

        Platform.ClearRequests();
        await client.WaitComputePlanAsync(run.PlanKey, pollingPeriod: Polling);

        Assert.Empty(Platform.RequestsTo("GET", "/task/"));
        Assert.Single(Platform.RequestsTo("GET", $"/compute_plan/{run.PlanKey}/"));
    }

    [Fact]
    public async Task A_listing_that_fails_is_retried_at_the_next_poll_without_failing_the_wait()
    {
        var run = await PlatformRun.CreateAsync(Platform, Backend, Temp, tasks: 2);
        var progress = new ChangeLog();
        await using var client = RemoteClient(progress);
        Platform.InjectFault("GET", "/task/", 400, times: 1);

        var wait = client.WaitComputePlanAsync(run.PlanKey, timeout: TimeSpan.FromMinutes(1), pollingPeriod: Polling);
        await progress.WaitForAsync(changes => changes.Count == 2, "both tasks, once the listing works again");
        foreach (var key in run.TaskKeys)
        {
            run.Set(key, "STATUS_DONE");
        }

        Assert.Equal(ComputePlanStatus.Done, (await wait).Status);
        Assert.Contains(Logs.Logs, entry => entry.Message.StartsWith($"Could not list the tasks of compute plan {run.PlanKey}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_observer_that_throws_is_logged_and_the_wait_goes_on()
    {
        var run = await PlatformRun.CreateAsync(Platform, Backend, Temp, tasks: 2);
        await using var client = RemoteClient(progress: null);
        var seen = new ChangeLog();
        client.TaskStateChanged += (_, change) =>
        {
            seen.Report(change);
            throw new InvalidOperationException("a broken progress bar");
        };
        foreach (var key in run.TaskKeys)
        {
            run.Set(key, "STATUS_DONE");
        }

        var plan = await client.WaitComputePlanAsync(run.PlanKey, pollingPeriod: Polling);

        Assert.Equal(ComputePlanStatus.Done, plan.Status);
        Assert.Equal(2, seen.All.Count);
        Assert.Equal(2, Logs.Logs.Count(entry => entry.Message.StartsWith("A task state observer threw on task", StringComparison.Ordinal)));
    }

    private SubstraClient RemoteClient(ChangeLog? progress) => new(new SubstraClientOptions
    {
        BackendType = BackendType.Remote,
        Url = Platform.BaseUrl,
        ConfigurationFile = "",
        TaskProgress = progress,
        LoggerFactory = Logs,
    });

    private int PlanPolls(PlatformRun run) => Platform.RequestsTo("GET", $"/compute_plan/{run.PlanKey}/").Count;

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"Still waiting for {what}.");
            await Task.Delay(10);
        }
    }
}

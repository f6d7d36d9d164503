using Substra.Sdk.Local.Platform;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalNetwork;

namespace Substra.Sdk.Local.Tests.Platform;

/// <summary>A workspace keeps the platform's state: reopened in a new platform or a new process, after a clean exit or a killed host.</summary>
[Collection(nameof(SerialCollection))]
public sealed class DurabilityTests : IDisposable
{
    private readonly PlatformWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_reopened_workspace_shows_every_asset_plan_task_model_and_performance_with_the_same_organisation_ids()
    {
        ComputePlan done;
        Performances performances;
        IReadOnlyList<Organization> organizations;
        string evaluation;
        await using (var platform = _world.Open())
        {
            await using var second = platform.CreateClient("org-2");
            await using var first = platform.CreateClient("org-1");
            var chain = await _world.ChainAsync(first, "train");
            evaluation = chain.Evaluation;
            await first.AddComputePlanAsync(chain.Plan);
            done = await first.WaitComputePlanAsync(chain.Plan.Key);
            performances = await first.GetPerformancesAsync(chain.Plan.Key);
            organizations = await second.ListOrganizationAsync();
        }

        await using (var reopened = _world.Open())
        {
            await using var first = reopened.CreateClient("org-1");
            await using var second = reopened.CreateClient("org-2");
            Assert.Equal("MyOrg1MSP", (await first.OrganizationInfoAsync()).OrganizationId);
            Assert.Equal("MyOrg2MSP", (await second.OrganizationInfoAsync()).OrganizationId);
            Assert.Equal(organizations.Select(organization => organization.Id), (await second.ListOrganizationAsync()).Select(organization => organization.Id));

            var plan = await first.GetComputePlanAsync(done.Key);
            Assert.Equal(ComputePlanStatus.Done, plan.Status);
            Assert.Equal(done.StartDate, plan.StartDate);
            Assert.Equal(done.EndDate, plan.EndDate);
            Assert.Equal(3, plan.DoneCount);
            Assert.Equal(performances.Performance, (await second.GetPerformancesAsync(done.Key)).Performance);
            Assert.Equal(2, (await first.ListFunctionAsync()).Count);
            Assert.Single(await first.ListDatasetAsync());
            Assert.All(await first.ListTaskAsync(), task => Assert.Equal(ComputeTaskStatus.Done, task.Status));
            var models = await first.ListModelAsync();
            Assert.Equal(2, models.Count);
            Assert.All(models, model => Assert.Equal(model.Address!.Checksum, PythonFunctions.Sha256(model.Address.StorageAddress)));
            Assert.Equal(2, (await first.ListTaskInputAssetsAsync(evaluation)).Count(input => input.Kind != Tools.Schema.AssetKind.DataSample));
        }
    }

    [Fact]
    public async Task A_plan_journaled_in_several_batches_reopens_with_every_task_and_its_parents_across_batches()
    {
        var count = (2 * TaskBatchFormat.MaxTasksPerBatch) + 5;
        var tasks = new List<ComputePlanTaskSpec>(count);
        var ranks = new int[count];
        string planKey;
        await using (var platform = _world.Open())
        {
            await using var client = platform.CreateClient("org-1");
            var org = (await client.OrganizationInfoAsync()).OrganizationId;
            var train = await _world.AddFunctionAsync(client, "slow_train", [.. DataInputs, Input("model", AssetKind.Model, optional: true)], [Output("model", AssetKind.Model)]);
            var (dataset, sample) = await _world.AddDatasetAsync(client, (1, 2));
            for (var i = 0; i < count; i++)
            {
                // The previous task, or (every third task after the first batch) the task one batch back.
                int? parentAt = i == 0 ? null : i % 3 == 0 && i >= TaskBatchFormat.MaxTasksPerBatch ? i - TaskBatchFormat.MaxTasksPerBatch : i - 1;
                var parent = parentAt is { } at ? tasks[at].TaskId : null;
                ranks[i] = parentAt is { } parentIndex ? ranks[parentIndex] + 1 : 0;
                tasks.Add(new ComputePlanTaskSpec
                {
                    TaskId = Guid.NewGuid().ToString(), FunctionKey = train, Worker = org,
                    Inputs = parent is null ? DataRefs(dataset, [sample]) : [.. DataRefs(dataset, [sample]), InputRef.FromParentTask("model", parent, "model")],
                    Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
                    Metadata = new Dictionary<string, string> { ["round"] = (i / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                });
            }

            var plan = await client.AddComputePlanAsync(new ComputePlanSpec { Name = "large", Tasks = tasks });
            planKey = plan.Key;
            await client.CancelComputePlanAsync(planKey);
        }

        await using var reopened = _world.Open();
        await using var again = reopened.CreateClient("org-1");
        Assert.Equal(count, (await again.GetComputePlanAsync(planKey)).TaskCount);
        foreach (var i in new[] { 0, 1, TaskBatchFormat.MaxTasksPerBatch - 1, TaskBatchFormat.MaxTasksPerBatch, TaskBatchFormat.MaxTasksPerBatch + 2, count - 1 })
        {
            var task = await again.GetTaskAsync(tasks[i].TaskId);
            Assert.Equal(tasks[i].Inputs, task.Inputs);
            Assert.Equal(tasks[i].Metadata, task.Metadata);
            Assert.Equal(ranks[i], task.Rank);
        }
    }

    [Fact]
    public async Task A_workspace_of_the_previous_schema_opens_and_is_marked_current_and_a_newer_one_is_refused_with_the_fix()
    {
        await using (var platform = _world.Open())
        {
            await using var client = platform.CreateClient("org-1");
            await client.OrganizationInfoAsync();
        }

        var database = Path.Combine(_world.Workspace, "platform.db");
        SetSchemaVersion(database, "1");
        await using (var reopened = _world.Open())
        {
            await using var client = reopened.CreateClient("org-1");
            Assert.Equal("MyOrg1MSP", (await client.OrganizationInfoAsync()).OrganizationId);
        }

        Assert.Equal("2", SchemaVersion(database));
        SetSchemaVersion(database, "3");
        var error = Assert.Throws<InvalidOperationException>(() => _world.Open());
        Assert.Contains("has schema version 3; this version of Substra.Sdk reads versions 1 and 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("Open it with the version that made it, or use another workspace folder.", error.Message, StringComparison.Ordinal);
    }

    private static void SetSchemaVersion(string database, string version)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE meta SET value = $version WHERE name = 'schema_version'";
        command.Parameters.AddWithValue("$version", version);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static string? SchemaVersion(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE name = 'schema_version'";
        return command.ExecuteScalar() as string;
    }

    [Fact]
    public async Task Organisation_ids_follow_client_names_not_the_order_clients_are_created_in()
    {
        await using var platform = _world.Open(inMemory: true);
        await using var third = platform.CreateClient("org-3");
        await using var first = platform.CreateClient("org-1");
        await using var unnamed = platform.CreateClient();
        await using var firstAgain = platform.CreateClient("org-1");

        Assert.Equal("MyOrg3MSP", (await third.OrganizationInfoAsync()).OrganizationId);
        Assert.Equal("MyOrg1MSP", (await first.OrganizationInfoAsync()).OrganizationId);
        Assert.Equal("MyOrg1MSP", (await firstAgain.OrganizationInfoAsync()).OrganizationId);
        Assert.Equal("MyOrg2MSP", (await unnamed.OrganizationInfoAsync()).OrganizationId);
    }

    [Fact]
    public async Task A_plan_of_a_killed_host_resumes_on_reopen_without_running_its_done_tasks_again()
    {
        // The uninterrupted run the resumed one must match.
        Performances expected;
        using (var reference = new PlatformWorld())
        {
            await using var platform = reference.Open(inMemory: true);
            await using var client = platform.CreateClient("org-1");
            var uninterrupted = await reference.ChainAsync(client);
            await client.AddComputePlanAsync(uninterrupted.Plan);
            expected = await client.GetPerformancesAsync(uninterrupted.Plan.Key, waitCompletion: true);
        }

        // Register here and leave at once: the host process reopens the workspace and runs the plan; it is killed while
        // the second task runs.
        (Schemas.ComputePlanSpec Plan, string First, string Second, string Evaluation) chain;
        await using (var platform = _world.Open())
        {
            await using var client = platform.CreateClient("org-1");
            chain = await _world.ChainAsync(client);
            await client.AddComputePlanAsync(chain.Plan);
        }

        int functionPid;
        DateTimeOffset killedAt;
        await using (var host = PlatformHostProcess.Start(_world.Workspace, "org-1"))
        {
            await host.WaitForLineAsync("ready");
            await host.WaitForStateAsync(chain.First, ComputeTaskStatus.Done);
            await host.WaitForStateAsync(chain.Second, ComputeTaskStatus.Executing);
            functionPid = await ReadPidAsync(Path.Combine(_world.Workspace, "runs"));
            killedAt = DateTimeOffset.Now;
            await host.KillHardAsync();
        }

        await using var reopened = _world.Open();
        await using var resumed = reopened.CreateClient("org-1");
        Assert.False(ProcessIsAlive(functionPid), $"the function process {functionPid} of the killed host still runs after the reopen");
        var performances = await resumed.GetPerformancesAsync(chain.Plan.Key, waitCompletion: true);

        Assert.Equal(expected.Performance, performances.Performance);
        var first = await resumed.GetTaskAsync(chain.First);
        var second = await resumed.GetTaskAsync(chain.Second);
        Assert.True(first.StartDate < killedAt, $"the DONE task ran again: started {first.StartDate:O}, host killed {killedAt:O}");
        Assert.True(second.StartDate > killedAt, $"the interrupted task did not run again: started {second.StartDate:O}, host killed {killedAt:O}");
        Assert.Single(await resumed.ListModelAsync(new Filters.ModelFilter { ComputeTaskKeys = [chain.Second] }));
    }

    [Fact]
    public async Task A_task_started_just_before_its_platform_closes_is_resumed_on_reopen_not_failed()
    {
        string planKey;
        await using (var platform = _world.Open())
        {
            await using var client = platform.CreateClient("org-1");
            var train = await _world.AddFunctionAsync(client, "train", DataInputs, [Output("model", AssetKind.Model)]);
            var (dataset, sample) = await _world.AddDatasetAsync(client, (1, 2));

            // The state change is raised on the worker that took the task, before it prepares the run: holding it there
            // until the platform is closing makes the worker go on once disposal has begun, every time.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var closing = new ManualResetEventSlim();
            client.TaskStateChanged += (_, change) =>
            {
                if (change.Status == ComputeTaskStatus.Executing && started.TrySetResult())
                {
                    closing.Wait(TimeSpan.FromSeconds(30));
                }
            };
            var plan = await client.AddComputePlanAsync(new ComputePlanSpec
            {
                Name = "closed while starting",
                Tasks =
                [
                    new()
                    {
                        TaskId = Guid.NewGuid().ToString(), FunctionKey = train, Worker = "MyOrg1MSP", Inputs = DataRefs(dataset, [sample]),
                        Outputs = new Dictionary<string, ComputeTaskOutputSpec> { ["model"] = PublicOutput },
                    },
                ],
            });
            planKey = plan.Key;
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var disposal = platform.DisposeAsync().AsTask();
            closing.Set();
            await disposal.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await using var reopened = _world.Open();
        await using var again = reopened.CreateClient("org-1");
        var task = Assert.Single(await again.ListTaskAsync(new Filters.TaskFilter { ComputePlanKeys = [planKey] }));
        var log = task.Status == ComputeTaskStatus.Failed ? await again.GetLogsAsync(task.Key) : "";
        Assert.True(task.Status != ComputeTaskStatus.Failed, $"the task its closing platform had started was journaled FAILED: {log}");
        Assert.Equal(ComputePlanStatus.Done, (await again.WaitComputePlanAsync(planKey)).Status);
    }

    [Fact]
    public async Task A_second_process_on_a_workspace_is_told_which_process_holds_it()
    {
        await using (var platform = _world.Open())
        {
            await using var host = PlatformHostProcess.Start(_world.Workspace, "org-1");
            var refused = await host.WaitForLineAsync("in-use");
            Assert.Contains($"pid {Environment.ProcessId}", refused);
        }

        await using (var host = PlatformHostProcess.Start(_world.Workspace, "org-1"))
        {
            var ready = await host.WaitForLineAsync("ready");
            var error = Assert.Throws<WorkspaceInUseException>(() => _world.Open());
            Assert.Contains($"pid {ready.Split(' ')[1]}", error.Message);
            Assert.Contains(_world.Workspace, error.Message);
        }

        // Once the holder is gone (killed above), the workspace opens.
        await using var again = _world.Open();
    }

    private static async Task<int> ReadPidAsync(string runs)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            // The first task's run folder may still be there (deleted in the background): take the live function.
            foreach (var file in Directory.EnumerateFiles(runs, "pid", SearchOption.AllDirectories))
            {
                var pid = int.Parse(await File.ReadAllTextAsync(file), System.Globalization.CultureInfo.InvariantCulture);
                if (ProcessIsAlive(pid))
                {
                    return pid;
                }
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the function never wrote its pid");
            await Task.Delay(20);
        }
    }

    private static bool ProcessIsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
}

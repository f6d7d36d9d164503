using Substra.Sdk.Backends;
using Substra.Sdk.Configuration;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;

namespace Substra.Sdk.Tests;

public sealed class ClientTests
{
    [Fact]
    public async Task Bad_filters_and_orderings_raise_before_any_backend_call()
    {
        var backend = new RecordingBackend();
        await using var client = new SubstraClient(backend);

        await Assert.ThrowsAsync<NotAllowedFilterException>(() => client.ListTaskAsync(new Dictionary<string, object?> { ["name"] = "x" }));
        await Assert.ThrowsAsync<FilterFormatException>(() => client.ListFunctionAsync(new Dictionary<string, object?> { ["key"] = "x" }));
        await Assert.ThrowsAsync<OrderingFormatException>(() => client.ListComputePlanAsync(orderBy: "rank"));
        await Assert.ThrowsAsync<FilterFormatException>(
            () => client.ListComputePlanAsync(new Dictionary<string, object?> { ["metadata"] = new[] { "bad" } }));

        Assert.Empty(backend.Calls);
    }

    [Fact]
    public async Task Metadata_filters_on_functions_and_datasets_are_refused_before_any_backend_call()
    {
        var backend = new RecordingBackend();
        await using var client = new SubstraClient(backend);
        var metadata = new List<object?> { new MetadataFilter("round", MetadataFilterType.Exists) };

        var function = await Assert.ThrowsAsync<NotAllowedFilterException>(
            () => client.ListFunctionAsync(new Dictionary<string, object?> { ["metadata"] = metadata }));
        var dataset = await Assert.ThrowsAsync<NotAllowedFilterException>(
            () => client.ListDatasetAsync(new Dictionary<string, object?> { ["metadata"] = metadata }));

        Assert.StartsWith("Cannot filter on metadata.", function.Message, StringComparison.Ordinal);
        Assert.StartsWith("Cannot filter on metadata.", dataset.Message, StringComparison.Ordinal);
        Assert.Empty(backend.Calls);
        await client.ListComputePlanAsync(new Dictionary<string, object?> { ["metadata"] = metadata });
        await client.ListTaskAsync(new Dictionary<string, object?> { ["metadata"] = metadata });
        Assert.Equal(["ListComputePlans", "ListTasks"], backend.Calls);
    }

    [Fact]
    public async Task Valid_filters_reach_the_backend_validated()
    {
        var backend = new RecordingBackend();
        await using var client = new SubstraClient(backend);

        await client.ListTaskAsync(new TaskFilter { Ranks = [1], ComputePlanKeys = ["cp"] }, OrderingField.EndDate, ascending: true);

        var query = Assert.IsType<ListQuery>(Assert.Single(backend.Arguments));
        Assert.Equal(["1"], query.Filters.Values["rank"]);
        Assert.Equal(OrderingField.EndDate, query.OrderBy);
        Assert.True(query.Ascending);
    }

    [Fact]
    public async Task Invalid_specs_raise_before_any_backend_call()
    {
        var backend = new RecordingBackend();
        await using var client = new SubstraClient(backend);

        await Assert.ThrowsAsync<ComputePlanKeyFormatException>(() => client.AddComputePlanAsync(new ComputePlanSpec { Key = "not-a-uuid", Name = "p" }));
        await Assert.ThrowsAsync<SpecValidationException>(() => client.AddFunctionAsync(new FunctionSpec
        {
            Name = "f", Description = "d.md", File = "f.zip", Permissions = Permissions.PublicAccess,
            Outputs = [new FunctionOutputSpec { Identifier = "performance", Kind = AssetKind.Performance, Multiple = true }],
        }));
        await Assert.ThrowsAsync<SpecValidationException>(() => client.AddTaskAsync(new TaskSpec
        {
            FunctionKey = "f", Worker = "w", Inputs = [new InputRef { Identifier = "model" }],
        }));
        var paths = await Assert.ThrowsAsync<ArgumentException>(
            () => client.AddDataSampleAsync(new DataSampleSpec { Paths = ["a", "b"], DataManagerKeys = ["d"] }));
        var path = await Assert.ThrowsAsync<ArgumentException>(
            () => client.AddDataSamplesAsync(new DataSampleSpec { Path = "a", DataManagerKeys = ["d"] }));
        await Assert.ThrowsAsync<ArgumentException>(
            () => client.AddComputePlanAsync(new ComputePlanSpec { Name = "p" }, autoBatching: true, batchSize: 0));

        Assert.StartsWith("data: invalid 'paths' field", paths.Message);
        Assert.StartsWith("data: invalid 'path' field", path.Message);
        Assert.Empty(backend.Calls);
    }

    [Fact]
    public async Task Add_calls_pass_validated_specs_and_batching()
    {
        var backend = new RecordingBackend();
        backend.Plans.Enqueue(Plan(ComputePlanStatus.Created));
        await using var client = new SubstraClient(backend);

        var sample = await client.AddDataSampleAsync(new DataSampleSpec { Path = "relative", DataManagerKeys = ["d"] });
        var samples = await client.AddDataSamplesAsync(new DataSampleSpec { Paths = ["a", "b"], DataManagerKeys = ["d"] });
        await client.AddComputePlanTasksAsync("cp", System.Text.Json.Nodes.JsonNode.Parse("""{"tasks": []}""")!.AsObject(), batchSize: 2);

        Assert.Equal("sample-0", sample);
        Assert.Equal(["sample-0", "sample-1"], samples);
        Assert.True(Path.IsPathRooted(((DataSampleSpec)backend.Arguments[0]!).Path));
        var (tasksSpec, batching) = ((UpdateComputePlanTasksSpec, BatchingOptions))backend.Arguments[2]!;
        Assert.Equal("cp", tasksSpec.Key);
        Assert.Equal(new BatchingOptions(true, 2), batching);
    }

    [Fact]
    public async Task Wait_compute_plan_polls_until_done()
    {
        var backend = new RecordingBackend();
        backend.Plans.Enqueue(Plan(ComputePlanStatus.Created));
        backend.Plans.Enqueue(Plan(ComputePlanStatus.Doing));
        backend.Plans.Enqueue(Plan(ComputePlanStatus.Done));
        await using var client = new SubstraClient(backend);

        var plan = await client.WaitComputePlanAsync("cp", pollingPeriod: TimeSpan.Zero);

        Assert.Equal(ComputePlanStatus.Done, plan.Status);
        Assert.Equal(3, backend.Calls.Count(call => call == "GetComputePlan"));
    }

    [Theory]
    [InlineData(ComputePlanStatus.Failed, "Compute plan cp ('plan') failed (0 of 0 tasks failed); the platform names no failed task.")]
    [InlineData(ComputePlanStatus.Canceled, "Compute plan cp ('plan') was canceled: 0 of 0 tasks done, 0 canceled.")]
    public async Task Wait_compute_plan_raises_on_failure_and_cancel(ComputePlanStatus status, string message)
    {
        var backend = new RecordingBackend();
        backend.Plans.Enqueue(Plan(status));
        await using var client = new SubstraClient(backend);

        var error = await Assert.ThrowsAsync<FutureFailureException>(() => client.WaitComputePlanAsync("cp", pollingPeriod: TimeSpan.Zero));
        var returned = await client.WaitComputePlanAsync("cp", pollingPeriod: TimeSpan.Zero, raiseOnFailure: false);

        Assert.Equal(message, error.Message);
        Assert.Equal(status, Assert.IsType<ComputePlan>(error.Asset).Status);
        Assert.Equal(status, returned.Status);
    }

    [Fact]
    public async Task Wait_task_stops_on_failed_only_once_the_error_type_is_set()
    {
        var backend = new RecordingBackend();
        backend.Tasks.Enqueue(Task(ComputeTaskStatus.Failed, null));
        backend.Tasks.Enqueue(Task(ComputeTaskStatus.Failed, null));
        backend.Tasks.Enqueue(Task(ComputeTaskStatus.Failed, TaskErrorType.Execution));
        await using var client = new SubstraClient(backend);

        var error = await Assert.ThrowsAsync<FutureFailureException>(() => client.WaitTaskAsync("t", pollingPeriod: TimeSpan.Zero));

        // Three polls, then the log of the failed task for the message.
        Assert.Equal(["GetTask", "GetTask", "GetTask", "GetLogs"], backend.Calls);
        Assert.Equal(TaskErrorType.Execution, Assert.IsType<ComputeTask>(error.Asset).ErrorType);
        Assert.Equal(
            "Task t (function 'f' f, worker org, compute plan cp) failed with EXECUTION_ERROR.\nLast lines of its log:\n    logs\n"
            + "The whole log: GetLogsAsync(\"t\"); the asset waited for is this exception's Asset, the failed task its FailedTask.",
            error.Message);
        Assert.Same(error.Asset, error.FailedTask);
        Assert.Equal("logs", error.LogTail);
    }

    [Theory]
    [InlineData(FunctionStatus.Failed, "Function f ('f') failed.")]
    [InlineData(FunctionStatus.Canceled, "Function f ('f') was canceled.")]
    public async Task Wait_function_names_the_function_that_failed_or_was_canceled(FunctionStatus status, string message)
    {
        var backend = new RecordingBackend();
        backend.Functions.Enqueue(Function(status));
        await using var client = new SubstraClient(backend);

        var error = await Assert.ThrowsAsync<FutureFailureException>(() => client.WaitFunctionAsync("f", pollingPeriod: TimeSpan.Zero));

        Assert.Equal(message, error.Message);
        Assert.Equal(status, Assert.IsType<Function>(error.Asset).Status);
        Assert.Null(error.FailedTask);
    }

    [Fact]
    public async Task Wait_task_times_out_when_the_task_does_not_finish()
    {
        var backend = new RecordingBackend();
        backend.Tasks.Enqueue(Task(ComputeTaskStatus.Executing, null));
        await using var client = new SubstraClient(backend);

        var error = await Assert.ThrowsAsync<FutureTimeoutException>(
            () => client.WaitTaskAsync("t", timeout: TimeSpan.FromTicks(1), pollingPeriod: TimeSpan.FromMilliseconds(1)));

        Assert.StartsWith("Future timeout on {", error.Message);
    }

    [Fact]
    public async Task A_zero_timeout_means_no_timeout()
    {
        var backend = new RecordingBackend();
        backend.Functions.Enqueue(Function(FunctionStatus.Building));
        backend.Functions.Enqueue(Function(FunctionStatus.Building));
        backend.Functions.Enqueue(Function(FunctionStatus.Ready));
        await using var client = new SubstraClient(backend);

        var function = await client.WaitFunctionAsync("f", timeout: TimeSpan.Zero, pollingPeriod: TimeSpan.FromMilliseconds(1));

        Assert.Equal(FunctionStatus.Ready, function.Status);
    }

    [Fact]
    public async Task Get_performances_waits_for_the_plan_when_asked()
    {
        var backend = new RecordingBackend();
        backend.Plans.Enqueue(Plan(ComputePlanStatus.Doing));
        backend.Plans.Enqueue(Plan(ComputePlanStatus.Done));
        await using var client = new SubstraClient(backend);

        await client.GetPerformancesAsync("cp", waitCompletion: true);

        Assert.Equal(["GetComputePlan", "GetComputePlan", "GetPerformances"], backend.Calls);
    }

    [Fact]
    public async Task Task_output_asset_by_identifier()
    {
        var backend = new RecordingBackend();
        backend.OutputAssets.Add(new OutputAsset { Kind = AssetKind.Performance, Identifier = "performance", Performance = 0.5 });
        backend.OutputAssets.Add(new OutputAsset { Kind = AssetKind.Model, Identifier = "twice", Model = Model("m1") });
        backend.OutputAssets.Add(new OutputAsset { Kind = AssetKind.Model, Identifier = "twice", Model = Model("m2") });
        await using var client = new SubstraClient(backend);

        var performance = await client.GetTaskOutputAssetAsync("t", "performance");
        var missing = await Assert.ThrowsAsync<TaskAssetNotFoundException>(() => client.GetTaskOutputAssetAsync("t", "absent"));
        await Assert.ThrowsAsync<TaskAssetMultipleFoundException>(() => client.GetTaskOutputAssetAsync("t", "twice"));

        Assert.Equal(0.5, performance.Performance);
        Assert.Equal("No task asset found with compute_task_key='t' and identifier='absent'", missing.Message);
    }

    [Fact]
    public async Task Downloads_use_the_reference_file_names()
    {
        var folder = Directory.CreateTempSubdirectory("substra-downloads-").FullName;
        try
        {
            var backend = new RecordingBackend();
            await using var client = new SubstraClient(backend);

            Assert.Equal(Path.Combine(folder, "opener.py"), await client.DownloadDatasetAsync("d", folder));
            Assert.Equal(Path.Combine(folder, "function.tar.gz"), await client.DownloadFunctionAsync("f", folder));
            Assert.Equal(Path.Combine(folder, "model_m"), await client.DownloadModelAsync("m", folder));
            Assert.Equal(Path.Combine(folder, "task_logs_t.txt"), await client.DownloadLogsAsync("t", folder));
            Assert.True(File.Exists(Path.Combine(folder, "model_m")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Remote_without_url_is_an_sdk_exception()
    {
        var factory = new RecordingBackendFactory();

        var error = Assert.Throws<SdkException>(() => new SubstraClient(
            new SubstraClientOptions { BackendType = BackendType.Remote, ConfigurationFile = "", RemoteBackendFactory = factory }));

        Assert.Equal("url required to connect to the Substra server", error.Message);
        await System.Threading.Tasks.Task.CompletedTask;
    }

    [Fact]
    public void A_missing_backend_is_named()
    {
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var loggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

        var remote = Assert.Throws<NotSupportedException>(() => SubstraClient.CreateBackend(
            new SubstraClientOptions(), new ClientConfiguration { BackendType = BackendType.Remote, Url = "http://127.0.0.1:1" },
            loggerFactory, logger, null, null));
        var local = Assert.Throws<NotSupportedException>(() => SubstraClient.CreateBackend(
            new SubstraClientOptions(), new ClientConfiguration { BackendType = BackendType.LocalDocker }, loggerFactory, logger, null, null));

        Assert.Contains("remote backend", remote.Message);
        Assert.Contains("local docker backend", local.Message);
    }

    [Fact]
    public async Task Hybrid_mode_gives_the_local_backend_a_remote_fallback()
    {
        var factory = new RecordingBackendFactory();

        await using var client = new SubstraClient(new SubstraClientOptions
        {
            Url = "http://127.0.0.1:8000", Token = "t", ConfigurationFile = "", RemoteBackendFactory = factory, LocalBackendFactory = factory,
            MaxParallelTasks = 3,
        });

        Assert.Equal(BackendType.LocalSubprocess, client.BackendMode);
        Assert.NotNull(factory.LocalSettings!.Remote);
        Assert.Equal(3, factory.LocalSettings.MaxParallelTasks);
        Assert.Equal("http://127.0.0.1:8000", factory.RemoteSettings!.Url);
        Assert.Equal("t", factory.RemoteSettings.Token);
    }

    [Fact]
    public async Task Username_and_password_log_in_once_and_dispose_logs_out_once()
    {
        var factory = new RecordingBackendFactory();
        var options = new SubstraClientOptions
        {
            BackendType = BackendType.Remote, Url = "http://127.0.0.1:8000", Username = "user", Password = "secret",
            ConfigurationFile = "", RemoteBackendFactory = factory,
        };

        var client = await SubstraClient.CreateAsync(options);
        await client.ListOrganizationAsync();
        await client.DisposeAsync();
        client.Dispose();

        var backend = factory.Created!;
        Assert.Equal(1, backend.LoginCount);
        Assert.Equal(1, backend.LogoutCount);
        Assert.True(backend.Disposed);
        Assert.Null(client.Configuration.Password);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ListOrganizationAsync());
    }

    [Fact]
    public async Task A_token_wins_over_username_and_password()
    {
        var factory = new RecordingBackendFactory();
        await using var client = new SubstraClient(new SubstraClientOptions
        {
            BackendType = BackendType.Remote, Url = "http://127.0.0.1:8000", Token = "token", Username = "user", Password = "secret",
            ConfigurationFile = "", RemoteBackendFactory = factory,
        });

        await client.ListOrganizationAsync();

        Assert.Equal(0, factory.Created!.LoginCount);
    }

    [Fact]
    public async Task Login_returns_the_token_and_the_first_call_logs_in_lazily()
    {
        var factory = new RecordingBackendFactory();
        await using var client = new SubstraClient(new SubstraClientOptions
        {
            BackendType = BackendType.Remote, Url = "http://127.0.0.1:8000", Username = "user", Password = "secret",
            ConfigurationFile = "", RemoteBackendFactory = factory,
        });

        Assert.Equal(0, factory.Created!.LoginCount);
        await client.ListOrganizationAsync();
        var token = await client.LoginAsync("user", "secret");

        Assert.Equal("session-token", token);
        Assert.Equal(2, factory.Created.LoginCount);
    }

    [Fact]
    public async Task Task_state_changes_reach_the_event_and_the_progress()
    {
        var backend = new RecordingBackend();
        var reported = new List<TaskStateChange>();
        await using var client = new SubstraClient(backend);
        client.TaskStateChanged += (_, change) => reported.Add(change);
        var change = new TaskStateChange("t", "cp", ComputeTaskStatus.Executing, 0, "org", null, DateTimeOffset.UnixEpoch);

        backend.RaiseTaskStateChanged(change);

        Assert.Equal([change], reported);
    }

    private static ComputePlan Plan(ComputePlanStatus status)
        => new() { Key = "cp", Name = "plan", Owner = "org", Status = status, CreationDate = DateTimeOffset.UnixEpoch };

    private static ComputeTask Task(ComputeTaskStatus status, TaskErrorType? errorType)
        => new()
        {
            Key = "t", Function = Function(FunctionStatus.Ready), Owner = "org", ComputePlanKey = "cp", Status = status, Worker = "org",
            CreationDate = DateTimeOffset.UnixEpoch, ErrorType = errorType,
        };

    private static Function Function(FunctionStatus status)
        => new()
        {
            Key = "f", Name = "f", Owner = "org", Status = status, CreationDate = DateTimeOffset.UnixEpoch,
            Permissions = new AssetPermissions { Process = new Permission { Public = true, AuthorizedIds = [] } },
            Description = new AssetFile { Checksum = "c", StorageAddress = "d" },
            Archive = new AssetFile { Checksum = "c", StorageAddress = "a" },
        };

    private static OutModel Model(string key)
        => new()
        {
            Key = key, ComputeTaskKey = "t", Owner = "org", CreationDate = DateTimeOffset.UnixEpoch,
            Permissions = new AssetPermissions { Process = new Permission { Public = true, AuthorizedIds = [] } },
        };
}

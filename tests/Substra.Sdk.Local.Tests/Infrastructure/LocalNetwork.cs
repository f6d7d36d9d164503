using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Substra.Sdk.Backends;
using Substra.Sdk.Local;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Platform;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using Substra.Tools.Schema;

namespace Substra.Sdk.Local.Tests.Infrastructure;

/// <summary>
/// Several local backends (organisations <c>org-1</c>, <c>org-2</c>…) of the local platform of a temp workspace, with
/// the Python test functions registered on demand.
/// </summary>
internal sealed class LocalNetwork : IAsyncDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<IBackend> _organizations = [];
    private readonly LocalPlatform? _platform;

    /// <param name="spawner">Gives each organisation's spawner for the workspace; null: the backend type's own.</param>
    public LocalNetwork(int organizations = 1, int maxParallelTasks = 2, TimeSpan? taskTimeout = null, Func<string, ITaskSpawner>? spawner = null)
    {
        for (var i = 0; i < organizations; i++)
        {
            var settings = new LocalBackendSettings
            {
#if SUBSTRA_DOCKER_BACKEND
                // Substra.Sdk.Docker.Tests compiles this suite again to run it in containers.
                BackendType = BackendType.LocalDocker,
                DockerBackend = new Substra.Sdk.Docker.DockerBackend(),
#else
                BackendType = BackendType.LocalSubprocess,
#endif
                WorkspaceDirectory = Workspace,
                ClientName = $"org-{i + 1}",
                MaxParallelTasks = maxParallelTasks,
                PythonInterpreter = SpawnerFixture.Python,
                TaskTimeout = taskTimeout,
                LoggerFactory = NullLoggerFactory.Instance,
            };
            if (spawner is not null)
            {
                // A given spawner runs every task: the network owns a platform of its own with it.
                _platform ??= LocalPlatform.Open(new LocalPlatformOptions
                {
                    WorkspaceDirectory = Workspace, Spawner = spawner(Workspace), MaxParallelTasks = maxParallelTasks,
                    PythonInterpreter = SpawnerFixture.Python, TaskTimeout = taskTimeout,
                });
            }

            _organizations.Add(_platform is null ? new LocalBackendFactory().Create(settings) : ((ILocalBackendFactory)_platform).Create(settings));
        }
    }

    public string Root => _temp.Path;

    public string Workspace => _temp.Combine("local-worker");

    public IBackend this[int index] => _organizations[index];

    public static CancellationToken None => CancellationToken.None;

    public async Task<string> OrganizationIdAsync(int index) => (await this[index].GetOrganizationInfoAsync(None)).OrganizationId;

    /// <summary>Registers the Python test function <paramref name="name"/> with the given schema.</summary>
    public async Task<string> AddFunctionAsync(int organization, string name, IReadOnlyList<FunctionInputSpec> inputs,
        IReadOnlyList<FunctionOutputSpec> outputs, string? dockerfile = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var folder = _temp.Combine("functions", Guid.NewGuid().ToString("N"));
        var archive = PythonFunctions.Archive(folder, name, dockerfile);
        var description = Path.Combine(folder, "description.md");
        await File.WriteAllTextAsync(description, $"# {name}\n");
        return await this[organization].AddFunctionAsync(new FunctionSpec
        {
            Name = name,
            File = archive,
            Description = description,
            Permissions = Permissions.PublicAccess,
            Inputs = inputs,
            Outputs = outputs,
            Metadata = metadata,
        }, None);
    }

    /// <summary>A dataset with the CSV opener, owned by <paramref name="organization"/>, and one sample per row set.</summary>
    public async Task<(string Dataset, IReadOnlyList<string> Samples)> AddDatasetAsync(int organization, params (double X, double Y)[][] samples)
    {
        var folder = _temp.Combine("datasets", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var opener = Path.Combine(folder, "opener.py");
        File.Copy(PythonFunctions.OpenerPath, opener);
        var description = Path.Combine(folder, "description.md");
        await File.WriteAllTextAsync(description, "# data\n");
        var dataset = await this[organization].AddDatasetAsync(new DatasetSpec
        {
            Name = $"dataset-{Guid.NewGuid():N}",
            DataOpener = opener,
            Description = description,
            Permissions = Permissions.PublicAccess,
            LogsPermission = Permissions.PublicAccess,
        }, None);
        var keys = new List<string>();
        foreach (var rows in samples)
        {
            var sampleFolder = PythonFunctions.DataSample(Path.Combine(folder, $"sample-{keys.Count}"), rows);
            keys.AddRange(await this[organization].AddDataSamplesAsync(
                new DataSampleSpec { Path = sampleFolder, DataManagerKeys = [dataset] }, local: true, None));
        }

        return (dataset, keys);
    }

    public async Task<ComputePlan> WaitForPlanAsync(string planKey, int organization = 0, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var plan = await this[organization].GetComputePlanAsync(planKey, None);
            if (plan.Status is ComputePlanStatus.Done or ComputePlanStatus.Failed or ComputePlanStatus.Canceled &&
                plan.ExecutingCount == 0)
            {
                return plan;
            }

            Assert.True(deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(120)), $"compute plan {planKey} is still {plan.Status}: {plan}");
            await Task.Delay(20);
        }
    }

    public async Task<ComputeTask> WaitForTaskStatusAsync(string taskKey, ComputeTaskStatus status, int organization = 0)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var task = await this[organization].GetTaskAsync(taskKey, None);
            if (task.Status == status)
            {
                return task;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), $"task {taskKey} is still {task.Status}");
            await Task.Delay(20);
        }
    }

    public static FunctionInputSpec Input(string identifier, AssetKind kind, bool multiple = false, bool optional = false) =>
        new() { Identifier = identifier, Kind = kind, Multiple = multiple, Optional = optional };

    public static FunctionOutputSpec Output(string identifier, AssetKind kind) => new() { Identifier = identifier, Kind = kind };

    public static readonly IReadOnlyList<FunctionInputSpec> DataInputs =
    [
        Input("opener", AssetKind.DataManager),
        Input("datasamples", AssetKind.DataSample, multiple: true),
    ];

    public static ComputeTaskOutputSpec PublicOutput => new() { Permissions = Permissions.PublicAccess };

    public static IReadOnlyList<InputRef> DataRefs(string dataset, IEnumerable<string> samples) =>
        [InputRef.FromAsset("opener", dataset), .. samples.Select(sample => InputRef.FromAsset("datasamples", sample))];

    public async ValueTask DisposeAsync()
    {
        foreach (var organization in _organizations)
        {
            await organization.DisposeAsync();
        }

        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        _temp.Dispose();
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Substra.Sdk.Backends;
using Substra.Sdk.Configuration;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Execution;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Local.Workspace;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Platform;

/// <summary>
/// A Substra platform on this machine, owning one workspace folder: its state (durable in SQLite by default), the
/// organisations of its clients, the scheduler that runs tasks, the spawners and the clock. Clients for each
/// organisation come from <see cref="CreateClient(string?)"/>; they share the platform and stop working once it is
/// disposed. Reopening the workspace later (in this process or another, after a clean exit or a killed host) shows
/// everything again and resumes the plans that were running.
/// </summary>
public sealed class LocalPlatform : ILocalBackendFactory, IAsyncDisposable
{
    private readonly LocalPlatformOptions _options;
    private readonly WorkspaceLock? _lock;
    private readonly StoreJournal _journal;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Lock _spawnersGate = new();
    private readonly Dictionary<BackendType, ITaskSpawner> _spawners = [];
    private bool _spawnersClosed;
    private IDockerBackend? _dockerBackend;
    private int _disposed;

    private LocalPlatform(LocalPlatformOptions options, LocalWorkspace workspace, WorkspaceLock? workspaceLock, StoreJournal journal)
    {
        _options = options;
        _dockerBackend = options.DockerBackend;
        _lock = workspaceLock;
        _journal = journal;
        _loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<LocalPlatform>();
        Workspace = workspace;
        PlatformId = journal.PlatformId(() => Guid.NewGuid().ToString("N"));
        Store = new LocalStore(journal, options.TimeProvider);
        Content = new ContentStore(workspace);
        ModelFiles = new ModelFiles(Store, Content);
        var runner = new TaskRunner(Store, workspace, Content, SpawnerFor, options.TaskTimeout, _loggerFactory.CreateLogger<TaskRunner>());
        Scheduler = new LocalTaskScheduler(Store, runner, new TransientOutputs(Store, ModelFiles, _loggerFactory.CreateLogger<TransientOutputs>()),
            options.MaxParallelTasks ?? Environment.ProcessorCount, _loggerFactory.CreateLogger<LocalTaskScheduler>());
        Store.Dispatcher = Scheduler;
    }

    /// <summary>The workspace folder this platform owns.</summary>
    public string WorkspaceDirectory => Workspace.Root;

    /// <summary>The platform's id, kept in the workspace: it marks the processes and containers it starts.</summary>
    public string PlatformId { get; }

    /// <summary>False for an in-memory platform.</summary>
    public bool IsDurable => _journal.IsDurable;

    /// <summary>The organisations of the platform's clients, in the order they were first seen.</summary>
    public IReadOnlyList<Organization> Organizations
    {
        get
        {
            lock (Store.Gate)
            {
                return Store.Organizations.ToList();
            }
        }
    }

    internal LocalWorkspace Workspace { get; }

    internal LocalStore Store { get; }

    internal ContentStore Content { get; }

    internal ModelFiles ModelFiles { get; }

    internal LocalTaskScheduler Scheduler { get; }

    internal Compute.Archives.ArchiveLimits? ArchiveLimits => _options.ArchiveLimits;

    /// <summary>
    /// Opens the platform of a workspace: creates it, or reloads it and resumes its running plans (tasks that were DONE
    /// are not run again; tasks that were running are run again from their inputs, after any process the previous host
    /// left running is killed).
    /// </summary>
    /// <exception cref="WorkspaceInUseException">Another process has the workspace open (the message names it).</exception>
    public static LocalPlatform Open(LocalPlatformOptions? options = null)
    {
        options ??= new LocalPlatformOptions();
        if (options.MaxParallelTasks is < 1)
        {
            throw new BadConfigurationException(
                $"MaxParallelTasks must be at least 1 (the number of tasks the local platform runs at once), got {options.MaxParallelTasks}.");
        }

        if (options.TaskTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new BadConfigurationException($"TaskTimeout must be positive (or null for no limit), got {timeout}.");
        }

        var workspace = new LocalWorkspace(options.ResolvedWorkspace);
        var workspaceLock = options.InMemory ? null : WorkspaceLock.Acquire(workspace.LockPath);
        StoreJournal? journal = null;
        try
        {
            journal = options.InMemory ? StoreJournal.None() : StoreJournal.Open(workspace.DatabasePath);
            var platform = new LocalPlatform(options, workspace, workspaceLock, journal);
            platform.Start();
            return platform;
        }
        catch
        {
            journal?.Dispose();
            workspaceLock?.Dispose();
            throw;
        }
    }

    /// <inheritdoc cref="Open"/>
    public static Task<LocalPlatform> OpenAsync(LocalPlatformOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => Open(options), cancellationToken);
    }

    /// <summary>
    /// A client of this platform. Its organisation id is kept per client name in the workspace, so the same name gets the
    /// same id in every run; an unnamed client is a new organisation. The backend type, URL and credentials still come
    /// from configuration (environment, YAML file): a client configured as remote talks to that platform instead.
    /// </summary>
    public SubstraClient CreateClient(string? clientName = null) => CreateClient(new SubstraClientOptions { ClientName = clientName });

    /// <summary>A client of this platform, with the rest of its options as given.</summary>
    public SubstraClient CreateClient(SubstraClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        options.LocalBackendFactory = this;
        options.LoggerFactory ??= _options.LoggerFactory;
        return new SubstraClient(options);
    }

    /// <inheritdoc />
    IBackend ILocalBackendFactory.Create(LocalBackendSettings settings) => CreateBackend(settings, lease: null);

    /// <summary>
    /// Deletes the files of a finished compute plan's models and the logs of its tasks, to free their space; the models
    /// stay listed without an address. A plan that is still running is refused.
    /// </summary>
    public Task<int> DeleteComputePlanOutputsAsync(string computePlanKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(computePlanKey);
        cancellationToken.ThrowIfCancellationRequested();
        List<string> models;
        List<string> logs = [];
        lock (Store.Gate)
        {
            var plan = Store.Plans.GetValueOrDefault(computePlanKey) ?? throw new NotFoundException($"Wrong pk {computePlanKey}", 404);
            if (!PlanEntry.IsFinal(plan.Status))
            {
                throw new InvalidRequestException(
                    $"Compute plan {computePlanKey} is {plan.Status.ToWireName()}: wait for it to finish (or cancel it) before deleting its outputs.", 400);
            }

            models = plan.Tasks.SelectMany(task => Store.OutputAssets.GetValueOrDefault(task.Key, []))
                .Where(asset => asset.Model is not null).Select(asset => asset.Model!.Key).ToList();
        }

        var deleted = ModelFiles.Delete(models);
        Store.Write(() =>
        {
            var plan = Store.Plans[computePlanKey];
            foreach (var task in plan.Tasks.Where(task => task.LogPath is not null))
            {
                logs.Add(task.LogPath!);
                task.LogPath = null;
            }

            Store.Journal.SaveTaskStates(plan.Tasks);
        });
        foreach (var log in logs.Where(File.Exists))
        {
            Workspace.DeleteFile(log);
            deleted++;
        }

        return Task.FromResult(deleted);
    }

    /// <summary>Stops the scheduler and the task processes; the journal keeps what was running, to resume it on reopen.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Scheduler.DisposeAsync().ConfigureAwait(false);
        ITaskSpawner[] spawners;
        lock (_spawnersGate)
        {
            spawners = [.. _spawners.Values];
            _spawners.Clear();
            _spawnersClosed = true;
        }

        foreach (var spawner in spawners)
        {
            await spawner.DisposeAsync().ConfigureAwait(false);
        }

        if (_options.Spawner is { } given)
        {
            await given.DisposeAsync().ConfigureAwait(false);
        }

        lock (Store.Gate)
        {
            _journal.Dispose();
        }

        _lock?.Dispose();
        _logger.LogDebug("Local platform {PlatformId} in {Workspace} closed.", PlatformId, Workspace.Root);
    }

    internal IBackend CreateBackend(LocalBackendSettings settings, IAsyncDisposable? lease)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (settings.BackendType is not (BackendType.LocalSubprocess or BackendType.LocalDocker))
        {
            throw new ArgumentException($"A local backend is subprocess or docker, not {settings.BackendType.ToWireName()}.", nameof(settings));
        }

        if (settings.WorkspaceDirectory is { } asked && Path.GetFullPath(asked) != Workspace.Root)
        {
            throw new BadConfigurationException(
                $"This client asks for the workspace '{Path.GetFullPath(asked)}', but its local platform owns '{Workspace.Root}'. " +
                "Leave WorkspaceDirectory unset for clients made by a LocalPlatform, or open a platform on that folder.");
        }

        if (settings.BackendType == BackendType.LocalDocker && _options.Spawner is null)
        {
            // A platform opened without a Docker backend takes the first one a docker client brings (an implicit platform
            // is opened by the first client of its workspace, which may be a subprocess one).
            var docker = settings.DockerBackend is { } given ? Interlocked.CompareExchange(ref _dockerBackend, given, null) ?? given : Volatile.Read(ref _dockerBackend);
            if (docker is null)
            {
                throw DockerBackendMissing.Exception();
            }
        }

        if (settings.Remote is { } remote)
        {
            // Hybrid mode decorates the local client; the local one never sees the platform.
            var local = new LocalBackend(this, settings with { Remote = null }, lease, hybrid: true);
            return new Hybrid.HybridBackend(local, remote, settings.LoggerFactory.CreateLogger<Hybrid.HybridBackend>());
        }

        return new LocalBackend(this, settings, lease);
    }

    /// <summary>Leftovers of a previous host: its processes and containers, its run folders; then the resumed tasks.</summary>
    private void Start()
    {
        var opening = System.Diagnostics.Stopwatch.StartNew();
        var stored = _journal.Load();
        var read = opening.Elapsed;
        var interrupted = StoreLoader.Load(Store, stored);
        var rebuilt = opening.Elapsed;
        if (IsDurable)
        {
            // The previous host of this workspace may have been killed with tasks running: their processes and containers
            // go before anything runs again, then their run folders.
            var killed = TaskProcessReaper.KillPlatform(PlatformId);
            if (interrupted.Any(task => task.BackendType == BackendType.LocalDocker))
            {
                killed += RemoveContainers();
            }

            if (killed > 0)
            {
                _logger.LogWarning("Local platform {Workspace}: killed {Count} process(es) or container(s) left running by its previous host.",
                    Workspace.Root, killed);
            }

            foreach (var folder in Directory.EnumerateDirectories(Workspace.RunsDirectory))
            {
                Workspace.DeleteDirectory(folder);
            }

            // Copies into the content store that a killed host left half-written.
            Workspace.DeleteDirectory(Path.Combine(Workspace.FilesDirectory, ".incoming"));
        }

        Store.Transition(lifecycle =>
        {
            foreach (var task in interrupted)
            {
                // Outputs saved by the interrupted run (if it got that far) are dropped: the task runs again.
                foreach (var asset in Store.OutputAssets.GetValueOrDefault(task.Key, []))
                {
                    if (asset.Model is { } model)
                    {
                        Store.DeleteModel(model.Key);
                    }
                }

                Store.SaveOutputs(task.Key, null);
                if (task.Plan.Canceled)
                {
                    lifecycle.Canceled(task);
                }
                else
                {
                    lifecycle.Requeue(task);
                }
            }

            foreach (var task in Store.Tasks.Values)
            {
                if (task.Status == ComputeTaskStatus.WaitingForExecutorSlot && !interrupted.Contains(task))
                {
                    lifecycle.Ready(task);
                }
            }
        });
        _logger.LogDebug("Local platform {Workspace} opened: {Tasks} tasks read in {ReadMs} ms, indexed in {IndexMs} ms, resumed in {ResumeMs} ms.",
            Workspace.Root, Store.Tasks.Count, (long)read.TotalMilliseconds, (long)(rebuilt - read).TotalMilliseconds, (long)(opening.Elapsed - rebuilt).TotalMilliseconds);
        if (interrupted.Count > 0)
        {
            _logger.LogWarning("Local platform {Workspace}: {Count} task(s) were running when it last stopped; they run again.",
                Workspace.Root, interrupted.Count);
        }
    }

    private ITaskSpawner SpawnerFor(BackendType backendType)
    {
        if (_options.Spawner is { } given)
        {
            return given;
        }

        lock (_spawnersGate)
        {
            // Not refused as soon as disposal starts: a task the scheduler started just before it would fail (and be
            // journaled FAILED) instead of being stopped and resumed on reopen. Once the scheduler has stopped, no task asks.
            ObjectDisposedException.ThrowIf(_spawnersClosed, this);
            if (!_spawners.TryGetValue(backendType, out var spawner))
            {
                spawner = backendType == BackendType.LocalDocker
                    ? (Volatile.Read(ref _dockerBackend) ?? throw DockerBackendMissing.Exception()).CreateSpawner(PlatformId, _options.ArchiveLimits, _loggerFactory)
                    : new SubprocessSpawner(
                        new SubprocessSpawnerOptions
                        {
                            WorkspaceDirectory = Workspace.Root, PythonInterpreter = _options.PythonInterpreter, PlatformId = PlatformId,
                            ArchiveLimits = _options.ArchiveLimits,
                        },
                        _loggerFactory.CreateLogger<SubprocessSpawner>());
                _spawners[backendType] = spawner;
            }

            return spawner;
        }
    }

    private int RemoveContainers()
    {
        if (_dockerBackend is not { } docker)
        {
            _logger.LogWarning("Local platform {Workspace}: tasks were running in Docker containers when it last stopped, and it has no Docker " +
                "backend to remove them ({Fix})", Workspace.Root, DockerBackendMissing.Message);
            return 0;
        }

        try
        {
            return docker.RemovePlatformContainersAsync(PlatformId, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SdkException or HttpRequestException or IOException or TimeoutException)
        {
            _logger.LogWarning("Could not remove the Docker containers left by the previous host: {Message}", e.Message);
            return 0;
        }
    }
}

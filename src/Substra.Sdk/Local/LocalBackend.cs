using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Execution;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local;

/// <summary>
/// The local backend (subprocess or docker): one organisation <c>MyOrg{N}MSP</c> on the process-wide store, whose tasks
/// run through a DAG scheduler on this machine with the given spawner.
/// </summary>
internal sealed partial class LocalBackend : IBackend
{
    private readonly LocalStore _store;
    private readonly LocalBackendSettings _settings;
    private readonly LocalWorkspace _workspace;
    private readonly ITaskSpawner _spawner;
    private readonly LocalTaskScheduler _scheduler;
    private readonly ILogger _logger;
    private readonly Organization _organization;
    private int _disposed;

    public LocalBackend(LocalBackendSettings settings, ITaskSpawner spawner, LocalStore? store = null)
    {
        _settings = settings;
        _store = store ?? LocalStore.Shared;
        _spawner = spawner;
        _logger = settings.LoggerFactory.CreateLogger<LocalBackend>();
        _workspace = new LocalWorkspace(settings.WorkspaceDirectory ?? Path.Combine(Environment.CurrentDirectory, "local-worker"));
        _organization = _store.AddOrganization(DateTimeOffset.Now);
        var runner = new TaskRunner(_store, _workspace, spawner, settings.TaskTimeout, settings.LoggerFactory.CreateLogger<TaskRunner>());
        _scheduler = new LocalTaskScheduler(_store, runner, settings.MaxParallelTasks ?? Environment.ProcessorCount,
            settings.LoggerFactory.CreateLogger<LocalTaskScheduler>());
        _scheduler.StateChanged += change => TaskStateChanged?.Invoke(this, change);
        if (settings.Remote is not null)
        {
            _logger.LogWarning("Hybrid mode: assets not found locally are read from the remote platform.");
        }

        _logger.LogInformation("Local {BackendType} backend for organisation {OrganizationId} in {Workspace}.",
            settings.BackendType.ToWireName(), _organization.Id, _workspace.Root);
    }

    public string OrganizationId => _organization.Id;

    public BackendType BackendType => _settings.BackendType;

    public string? TemporaryDirectory => _workspace.AssetsDirectory;

    public event EventHandler<TaskStateChange>? TaskStateChanged;

    internal LocalWorkspace Workspace => _workspace;

    public Task<OrganizationInfo> GetOrganizationInfoAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new OrganizationInfo
        {
            Host = "http://fakeurl.fake",
            OrganizationId = _organization.Id,
            OrganizationName = _organization.Id,
            Config = new OrganizationInfoConfig { ModelExportEnabled = true },
            Channel = "channel1",
            Version = typeof(LocalBackend).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            OrchestratorVersion = "fake",
        });

    public Task<IReadOnlyList<Organization>> ListOrganizationsAsync(CancellationToken cancellationToken)
    {
        lock (_store.Gate)
        {
            IReadOnlyList<Organization> organizations = _store.Organizations
                .Select(organization => organization.Id == _organization.Id ? organization with { IsCurrent = true } : organization)
                .ToList();
            return Task.FromResult(organizations);
        }
    }

    public async Task<string?> LoginAsync(string username, string password, CancellationToken cancellationToken) =>
        _settings.Remote is { } remote ? await remote.LoginAsync(username, password, cancellationToken).ConfigureAwait(false) : null;

    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        if (_settings.Remote is { } remote)
        {
            await remote.LogoutAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops this client's tasks (killing their processes) and the hybrid fallback; its files go once no local client is left.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _scheduler.DisposeAsync().ConfigureAwait(false);
        await _spawner.DisposeAsync().ConfigureAwait(false);
        if (_settings.Remote is { } remote)
        {
            // The client hands the hybrid fallback over to this backend.
            await remote.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var directory in _store.ReleaseBackend(_workspace.AssetsDirectory))
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.LogWarning("Could not delete {Directory}: {Message}", directory, e.Message);
            }
        }
    }

    private static NotFoundException NotFound(string key) => new($"Wrong pk {key}", 404);

    private DateTimeOffset Now => DateTimeOffset.Now;
}

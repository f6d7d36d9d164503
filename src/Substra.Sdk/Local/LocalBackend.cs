using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Platform;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local;

/// <summary>
/// One organisation's client of a <see cref="LocalPlatform"/> (subprocess or docker): its registrations go to the
/// platform's store, its tasks run on the platform's scheduler with the spawner of its backend type.
/// </summary>
internal sealed partial class LocalBackend : IBackend, IChangeSignalingBackend, ILogTailBackend
{
    private readonly LocalPlatform _platform;
    private readonly LocalStore _store;
    private readonly LocalBackendSettings _settings;
    private readonly IAsyncDisposable? _lease;
    private readonly ILogger _logger;
    private readonly Organization _organization;
    private readonly bool _hybrid;
    private int _disposed;

    public LocalBackend(LocalPlatform platform, LocalBackendSettings settings, IAsyncDisposable? lease, bool hybrid = false)
    {
        _hybrid = hybrid;
        _platform = platform;
        _store = platform.Store;
        _settings = settings;
        _lease = lease;
        _logger = settings.LoggerFactory.CreateLogger<LocalBackend>();
        _organization = _store.OrganizationFor(settings.ClientName);
        _platform.Scheduler.StateChanged += OnStateChanged;
        _logger.LogInformation("Local {BackendType} backend for organisation {OrganizationId} in {Workspace}.",
            settings.BackendType.ToWireName(), _organization.Id, _platform.WorkspaceDirectory);
    }

    public string OrganizationId => _organization.Id;

    public BackendType BackendType => _settings.BackendType;

    /// <summary>Where the platform keeps registered files (the reference's <c>temp_directory</c>).</summary>
    public string? TemporaryDirectory => _platform.Workspace.FilesDirectory;

    public event EventHandler<TaskStateChange>? TaskStateChanged;

    public Task<OrganizationInfo> GetOrganizationInfoAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new OrganizationInfo
        {
            Host = "http://fakeurl.fake",
            OrganizationId = _organization.Id,
            OrganizationName = _organization.Id,
            Config = new OrganizationInfoConfig { ModelExportEnabled = true },
            Channel = "channel1",
            Version = SdkVersion.Value,
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

    /// <summary>A local platform has no accounts: there is nothing to log in to (hybrid mode logs in to the platform).</summary>
    public Task<string?> LoginAsync(string username, string password, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task LogoutAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A change signal to await between two reads of a wait loop: it completes at the platform's next state change.
    /// </summary>
    public Task NextChange => _store.Changes.Next;

    /// <summary>Leaves the platform (closing it when this client opened it implicitly and is the last one).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _platform.Scheduler.StateChanged -= OnStateChanged;
        if (_lease is not null)
        {
            await _lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnStateChanged(string owner, TaskStateChange change)
    {
        if (owner == _organization.Id)
        {
            TaskStateChanged?.Invoke(this, change);
        }
    }

    private static NotFoundException NotFound(string key) => new($"Wrong pk {key}", 404);

    private DateTimeOffset Now => _store.Now;
}

using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Substra.Sdk.Backends;
using Substra.Sdk.Configuration;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Telemetry;

namespace Substra.Sdk;

/// <summary>
/// The Substra client: the whole API of the reference <c>substra.Client</c> as async C#. Configuration comes from code,
/// environment and a YAML file (<see cref="SubstraClientOptions"/>); the backend is remote, or local (subprocess or docker,
/// hybrid with a URL). Specs, filters and orderings are validated here before any backend call. Disposing logs out.
/// </summary>
public sealed partial class SubstraClient : IAsyncDisposable, IDisposable
{
    private readonly IBackend _backend;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IProgress<TaskStateChange>? _taskProgress;
    private readonly SemaphoreSlim _loginLock = new(1, 1);
    private string? _pendingUsername;
    private string? _pendingPassword;
    private int _disposed;

    /// <summary>Creates a client; a username/password login, when configured, happens on the first call.</summary>
    /// <exception cref="ConfigurationInfoException">A configuration file without a client name.</exception>
    /// <exception cref="BadConfigurationException">A malformed value in the environment or the file.</exception>
    /// <exception cref="SdkException">Remote without a URL.</exception>
    /// <exception cref="NotSupportedException">The chosen backend is not available in this build.</exception>
    public SubstraClient(SubstraClientOptions? options = null)
        : this(options ?? new SubstraClientOptions(), ClientConfigurationResolver.Resolve(options ?? new SubstraClientOptions()))
    {
    }

    /// <summary>Creates a client from an already resolved configuration (used by dependency injection and tests).</summary>
    public SubstraClient(SubstraClientOptions options, ClientConfiguration configuration)
        : this(options, configuration, createHttpClient: null)
    {
    }

    // Dependency injection gives the HttpClients of its IHttpClientFactory.
    internal SubstraClient(SubstraClientOptions options, ClientConfiguration configuration, Func<HttpClient>? createHttpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<SubstraClient>();
        _timeProvider = options.TimeProvider;
        _taskProgress = options.TaskProgress;
        Configuration = configuration;
        _backend = CreateBackend(options, configuration, loggerFactory, _logger, DefaultBackendFactories.Remote, DefaultBackendFactories.Local, createHttpClient);
        _backend.TaskStateChanged += OnTaskStateChanged;

        // A token always wins over username and password, which are kept only until the login.
        if (configuration.Url is not null && configuration.Token is null && configuration.Username is not null && configuration.Password is not null)
        {
            _pendingUsername = configuration.Username;
            _pendingPassword = configuration.Password;
        }

        Configuration = configuration with { Password = null };
    }

    /// <summary>Wraps a backend directly, without configuration (for backends built elsewhere, and tests).</summary>
    internal SubstraClient(IBackend backend, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SubstraClient>();
        this._timeProvider = timeProvider ?? TimeProvider.System;
        this._backend = backend;
        backend.TaskStateChanged += OnTaskStateChanged;
        Configuration = new ClientConfiguration { BackendType = backend.BackendType };
    }

    /// <summary>Creates a client and logs in at once when a username and password are configured.</summary>
    public static async Task<SubstraClient> CreateAsync(SubstraClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        var client = new SubstraClient(options);
        try
        {
            await client.EnsureLoggedInAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Raised on task state changes (also reported to <see cref="SubstraClientOptions.TaskProgress"/>): by a local backend
    /// as they happen; on a platform, as a wait (<see cref="WaitComputePlanAsync"/>, <see cref="WaitTaskAsync"/>) sees them
    /// while polling.
    /// </summary>
    public event EventHandler<TaskStateChange>? TaskStateChanged;

    /// <summary>The backend type (the reference's <c>backend_mode</c>).</summary>
    public BackendType BackendMode => _backend.BackendType;

    /// <summary>The local asset folder; null for remote (the reference's <c>temp_directory</c>).</summary>
    public string? TemporaryDirectory => _backend.TemporaryDirectory;

    /// <summary>The resolved configuration (without the password).</summary>
    public ClientConfiguration Configuration { get; }

    internal IBackend Backend => _backend;

    /// <summary>Logs in with a username and password and returns the token (in every mode: hybrid forwards to the platform).</summary>
    public Task<string?> LoginAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        return InvokeAsync(nameof(LoginAsync), token => _backend.LoginAsync(username, password, token), cancellationToken, requiresLogin: false);
    }

    /// <summary>Revokes the session opened by a login, if any.</summary>
    public Task LogoutAsync(CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(LogoutAsync),
            async token =>
            {
                await _backend.LogoutAsync(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            requiresLogin: false);

    /// <summary>Logs out and releases the backend.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _backend.LogoutAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _logger.LogWarning("Logout failed while disposing the client: {Error}", exception.GetType().Name);
        }

        _backend.TaskStateChanged -= OnTaskStateChanged;
        await _backend.DisposeAsync().ConfigureAwait(false);
        _loginLock.Dispose();
    }

    /// <summary>Logs out and releases the backend.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    // The backend choice (docs/compatibility.md#configuration); the built-in factories are parameters so that tests can build without them.
    internal static IBackend CreateBackend(
        SubstraClientOptions options,
        ClientConfiguration configuration,
        ILoggerFactory loggerFactory,
        ILogger logger,
        IRemoteBackendFactory? defaultRemote,
        ILocalBackendFactory? defaultLocal,
        Func<HttpClient>? createHttpClient = null)
    {
        IBackend CreateRemote()
        {
            var factory = options.RemoteBackendFactory ?? defaultRemote
                ?? throw new NotSupportedException(
                    "The remote backend is not available in this build of Substra.Sdk: set SubstraClientOptions.RemoteBackendFactory.");
            return factory.Create(new RemoteBackendSettings
            {
                Url = configuration.Url!,
                Insecure = configuration.Insecure,
                Token = configuration.Token,
                RetryTimeout = configuration.RetryTimeout,
                HttpAttemptTimeout = options.HttpAttemptTimeout ?? Remote.RemoteConnectionSettings.DefaultHttpAttemptTimeout,
                HttpTotalTimeout = options.HttpTotalTimeout ?? Remote.RemoteConnectionSettings.DefaultHttpTotalTimeout,
                HttpStallTimeout = options.HttpStallTimeout ?? Remote.RemoteConnectionSettings.DefaultHttpStallTimeout,
                CreateHttpClient = createHttpClient,
                LoggerFactory = loggerFactory,
            });
        }

        switch (configuration.BackendType)
        {
            case BackendType.Remote:
                if (configuration.Url is null)
                {
                    throw new SdkException("url required to connect to the Substra server");
                }

                return CreateRemote();
            case BackendType.LocalDocker:
            case BackendType.LocalSubprocess:
                var localFactory = options.LocalBackendFactory ?? defaultLocal
                    ?? throw new NotSupportedException(
                        $"The local {configuration.BackendType.ToWireName()} backend is not available in this build of Substra.Sdk: "
                        + "set SubstraClientOptions.LocalBackendFactory.");
                IBackend? remote = null;
                if (configuration.Url is not null)
                {
                    logger.LogWarning(
                        "URL '{Url}' given with backend type '{BackendType}': hybrid mode, assets are created locally and the platform is read-only.",
                        configuration.Url,
                        configuration.BackendType.ToWireName());
                    remote = CreateRemote();
                }

                return localFactory.Create(new LocalBackendSettings
                {
                    BackendType = configuration.BackendType,
                    Remote = remote,
                    ClientName = configuration.ClientName,
                    WorkspaceDirectory = options.WorkspaceDirectory,
                    MaxParallelTasks = options.MaxParallelTasks,
                    PythonInterpreter = options.PythonInterpreter,
                    TaskTimeout = options.TaskTimeout,
                    DockerBackend = options.DockerBackend,
                    LoggerFactory = loggerFactory,
                });
            default:
                throw new SdkException(
                    $"Unknown value for the execution mode: {configuration.BackendType}, valid values are: "
                    + $"[{string.Join(", ", WireNames.AllWireNames<BackendType>().Select(name => $"'{name}'"))}]");
        }
    }

    private void OnTaskStateChanged(object? sender, TaskStateChange change)
    {
        _taskProgress?.Report(change);
        TaskStateChanged?.Invoke(this, change);
    }

    private async Task EnsureLoggedInAsync(CancellationToken cancellationToken)
    {
        if (_pendingUsername is null)
        {
            return;
        }

        await _loginLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_pendingUsername is { } username && _pendingPassword is { } password)
            {
                await _backend.LoginAsync(username, password, cancellationToken).ConfigureAwait(false);
                _pendingUsername = null;
                _pendingPassword = null;
            }
        }
        finally
        {
            _loginLock.Release();
        }
    }

    // Every public call: pending login, then the call, in a span (docs/telemetry.md) and logged with its duration (and
    // the error class on failure). An add that returns the new asset's key gives it as returnsKey.
    private async Task<T> InvokeAsync<T>(
        string method,
        Func<CancellationToken, Task<T>> call,
        CancellationToken cancellationToken,
        bool requiresLogin = true,
        string? key = null,
        bool returnsKey = false)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var span = ClientCallSpans.Start(method, _backend.BackendType, Configuration.ClientName, key);
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (requiresLogin)
            {
                await EnsureLoggedInAsync(cancellationToken).ConfigureAwait(false);
            }

            var result = await call(cancellationToken).ConfigureAwait(false);
            if (returnsKey && result is string createdKey)
            {
                ClientCallSpans.SetCreatedKey(span, createdKey);
            }

            _logger.LogDebug("{Method} done in {ElapsedMs:F1} ms", method, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (Exception exception)
        {
            ClientCallSpans.Fail(span, exception);
            _logger.LogDebug(
                "{Method} failed in {ElapsedMs:F1} ms: {Error}", method, Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
            throw;
        }
    }
}

using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;

namespace Substra.Sdk.Configuration;

/// <summary>
/// What the code says about a client. Every value left null is taken from the environment (<c>SUBSTRA_{CLIENT}_{ATTRIBUTE}</c>),
/// then from the YAML configuration file, then from the default, as the reference does; <c>""</c> for
/// <see cref="Url"/> means "no URL" and overrides the environment and the file.
/// </summary>
public sealed class SubstraClientOptions
{
    /// <summary>Selects the environment variables and the entry of the configuration file.</summary>
    public string? ClientName { get; set; }

    /// <summary>
    /// The YAML configuration file; <c>SUBSTRA_CLIENTS_CONFIGURATION_FILE_PATH</c> when null; <c>""</c> disables both.
    /// </summary>
    public string? ConfigurationFile { get; set; }

    /// <summary>The platform URL; without one, everything is local. With a local backend type it means hybrid mode.</summary>
    public string? Url { get; set; }

    /// <summary>An API token; wins over <see cref="Username"/> and <see cref="Password"/>.</summary>
    public string? Token { get; set; }

    /// <summary>With <see cref="Password"/>, logs in when there is a URL and no token. Not stored by the client.</summary>
    public string? Username { get; set; }

    /// <summary>Not stored by the client.</summary>
    public string? Password { get; set; }

    /// <summary>How long adds and updates are retried after HTTP 408 (default 300 s).</summary>
    public TimeSpan? RetryTimeout { get; set; }

    /// <summary>Skip TLS certificate checks (development only; default false).</summary>
    public bool? Insecure { get; set; }

    /// <summary>remote, docker or subprocess (default subprocess).</summary>
    public BackendType? BackendType { get; set; }

    /// <summary>Local backends: the workspace folder (default <c>&lt;cwd&gt;/local-worker</c>).</summary>
    public string? WorkspaceDirectory { get; set; }

    /// <summary>Local backends: how many tasks run at once (default: the processor count).</summary>
    public int? MaxParallelTasks { get; set; }

    /// <summary>Local backends: the Python interpreter for <c>.py</c> entrypoints (default <c>python3</c>).</summary>
    public string? PythonInterpreter { get; set; }

    /// <summary>Local backends: kill a task that runs longer than this (default: no limit).</summary>
    public TimeSpan? TaskTimeout { get; set; }

    /// <summary>
    /// Remote: the limit of one try of a request, until its response headers (default 100 s; each retry has its own; for
    /// an upload of files, counted from the end of its body). <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan? HttpAttemptTimeout { get; set; }

    /// <summary>
    /// Remote: the limit of a whole request, its retries and reading its response included (default 10 min); streamed
    /// downloads and uploads of files have <see cref="HttpStallTimeout"/> instead. <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan? HttpTotalTimeout { get; set; }

    /// <summary>
    /// Remote: a streamed download or an upload of files fails when no data moves for this long (default 60 s), however
    /// long it takes in all. <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan? HttpStallTimeout { get; set; }

    /// <summary>Logging (calls, durations, warnings); none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Receives task state changes (for progress bars): local ones as they happen, a platform's as waits poll.</summary>
    public IProgress<TaskStateChange>? TaskProgress { get; set; }

    /// <summary>Builds the remote backend; the built-in one when null.</summary>
    internal IRemoteBackendFactory? RemoteBackendFactory { get; set; }

    /// <summary>Builds the local backends; the built-in one when null.</summary>
    internal ILocalBackendFactory? LocalBackendFactory { get; set; }

    /// <summary>
    /// Runs the tasks of the <c>docker</c> backend type: set by <c>UseDocker()</c> of the Substra.Sdk.Docker package. Without it a
    /// docker client is refused with the way to add it; it changes nothing for the other backend types.
    /// </summary>
    internal Local.Compute.IDockerBackend? DockerBackend { get; set; }

    /// <summary>The clock used by wait loops (tests replace it).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    // Secrets never appear in logs.
    /// <summary>The options with the token and password masked, for logs.</summary>
    public override string ToString()
        => $"SubstraClientOptions {{ ClientName = {ClientName}, Url = {Url}, BackendType = {BackendType}, "
            + $"Token = {(Token is null ? "null" : "***")}, Username = {Username}, Password = {(Password is null ? "null" : "***")} }}";
}

using Microsoft.Extensions.Logging;
using Substra.Sdk.Local.Compute.Archives;

namespace Substra.Sdk.Backends;

/// <summary>What a local backend is built from (resolved client configuration).</summary>
internal sealed record LocalBackendSettings
{
    /// <summary><see cref="Sdk.BackendType.LocalSubprocess"/> or <see cref="Sdk.BackendType.LocalDocker"/>.</summary>
    public required BackendType BackendType { get; init; }

    /// <summary>Hybrid mode: the read-only remote fallback; null otherwise.</summary>
    public IBackend? Remote { get; init; }

    /// <summary>The workspace (<c>local-worker</c>); <c>&lt;cwd&gt;/local-worker</c> when null.</summary>
    public string? WorkspaceDirectory { get; init; }

    /// <summary>How many tasks run at once; the processor count when null.</summary>
    public int? MaxParallelTasks { get; init; }

    /// <summary>The Python interpreter for <c>.py</c> entrypoints; <c>python3</c> on PATH when null.</summary>
    public string? PythonInterpreter { get; init; }

    /// <summary>Kills a task that runs longer than this; no limit when null.</summary>
    public TimeSpan? TaskTimeout { get; init; }

    /// <summary>The client name: the local platform keeps one organisation id per name.</summary>
    public string? ClientName { get; init; }

    /// <summary>
    /// How far a function archive may expand: checked when it is registered and while a spawner unpacks it;
    /// <see cref="ArchiveLimits.Default"/> when null.
    /// </summary>
    public ArchiveLimits? ArchiveLimits { get; init; }

    /// <summary>Runs the tasks of the <c>docker</c> backend type (the Substra.Sdk.Docker package); none when null.</summary>
    public Local.Compute.IDockerBackend? DockerBackend { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }
}

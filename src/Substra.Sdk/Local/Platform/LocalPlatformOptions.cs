using Microsoft.Extensions.Logging;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Archives;

namespace Substra.Sdk.Local.Platform;

/// <summary>How a <see cref="LocalPlatform"/> is opened.</summary>
public sealed record LocalPlatformOptions
{
    /// <summary>The workspace folder the platform owns; <c>&lt;cwd&gt;/local-worker</c> when null.</summary>
    public string? WorkspaceDirectory { get; init; }

    /// <summary>
    /// Keep nothing on disk but task files: the state lives in memory and is gone with the platform (tests, throwaway
    /// runs). Durable (SQLite in the workspace) by default.
    /// </summary>
    public bool InMemory { get; init; }

    /// <summary>How many tasks the platform runs at once; the processor count when null.</summary>
    public int? MaxParallelTasks { get; init; }

    /// <summary>The Python interpreter for <c>.py</c> entrypoints; <c>python3</c> on PATH when null.</summary>
    public string? PythonInterpreter { get; init; }

    /// <summary>Kills a task that runs longer than this; no limit when null.</summary>
    public TimeSpan? TaskTimeout { get; init; }

    /// <summary>How far a function archive may expand (checked at registration and while unpacking); defaults when null.</summary>
    public ArchiveLimits? ArchiveLimits { get; init; }

    /// <summary>Runs every task with this spawner instead of the built-in ones (the platform disposes it).</summary>
    internal ITaskSpawner? Spawner { get; init; }

    /// <summary>
    /// Runs the tasks of <c>docker</c> clients: set by <c>WithDocker()</c> of the Substra.Sdk.Docker package. Without it the
    /// platform refuses docker clients with the way to add it.
    /// </summary>
    internal IDockerBackend? DockerBackend { get; init; }

    /// <summary>Logging; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The platform's clock: creation, start and end dates.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal string ResolvedWorkspace => Path.GetFullPath(WorkspaceDirectory ?? Path.Combine(Environment.CurrentDirectory, "local-worker"));
}

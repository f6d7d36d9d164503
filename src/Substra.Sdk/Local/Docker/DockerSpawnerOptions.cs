namespace Substra.Sdk.Local.Docker;

/// <summary>How the docker backend talks to the engine and confines task containers.</summary>
public sealed record DockerSpawnerOptions
{
    /// <summary>The reference's shared-memory size for task containers: 8 GB.</summary>
    public const long DefaultShmSizeBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>The engine endpoint (<c>unix:///…</c>, <c>tcp://…</c>); <c>null</c> uses <c>DOCKER_HOST</c>, else the default unix socket.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>CPU limit per task container, in CPUs (e.g. 1.5); <c>null</c> for no limit.</summary>
    public double? Cpus { get; init; }

    /// <summary>Memory limit per task container, in bytes; <c>null</c> for no limit.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>Size of <c>/dev/shm</c> in task containers, in bytes (reference default 8 GB).</summary>
    public long ShmSizeBytes { get; init; } = DefaultShmSizeBytes;

    /// <summary>
    /// The user (<c>uid[:gid]</c>) that runs the task when the image itself would run as root; <c>null</c> keeps the image's user.
    /// An image that declares a non-root <c>USER</c> always keeps it.
    /// </summary>
    public string? NonRootUser { get; init; } = "1000:1000";

    /// <summary>Keeps the container of a task that exited non-zero (for <c>docker logs</c> / <c>docker inspect</c>); removed otherwise.</summary>
    public bool KeepFailedContainers { get; init; }
}

using Microsoft.Extensions.Logging;
using Substra.Sdk.Local.Compute.Archives;

namespace Substra.Sdk.Local.Compute;

/// <summary>
/// What the <c>docker</c> backend type runs tasks with. Substra.Sdk has no Docker client of its own: the
/// Substra.Sdk.Docker package provides this (<c>SubstraClientOptions.UseDocker()</c>, <c>LocalPlatformOptions.WithDocker()</c>),
/// so that an application without Docker does not carry it.
/// </summary>
internal interface IDockerBackend
{
    /// <summary>A spawner that runs the tasks of the platform <paramref name="platformId"/> in containers (the platform disposes it).</summary>
    ITaskSpawner CreateSpawner(string platformId, ArchiveLimits? archiveLimits, ILoggerFactory loggerFactory);

    /// <summary>
    /// Kills and removes every container of the platform <paramref name="platformId"/>: what a host killed with tasks
    /// running left behind. Returns how many were removed.
    /// </summary>
    Task<int> RemovePlatformContainersAsync(string platformId, CancellationToken cancellationToken);
}

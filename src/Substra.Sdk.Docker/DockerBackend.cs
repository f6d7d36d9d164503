using Microsoft.Extensions.Logging;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Archives;

namespace Substra.Sdk.Docker;

/// <summary>
/// The <c>docker</c> backend type: each platform's tasks run in containers by a <see cref="DockerSpawner"/>. Given to a
/// client with <c>SubstraClientOptions.UseDocker()</c> or to a platform with <c>LocalPlatformOptions.WithDocker()</c>.
/// </summary>
/// <param name="options">The engine and container limits; <c>null</c> reads them from the environment when a platform
/// starts its spawner (<see cref="DockerSpawnerOptions.FromEnvironment"/>).</param>
internal sealed class DockerBackend(DockerSpawnerOptions? options = null) : IDockerBackend
{
    /// <summary>The options given; <c>null</c> when they come from the environment.</summary>
    public DockerSpawnerOptions? Options { get; } = options;

    /// <inheritdoc />
    public ITaskSpawner CreateSpawner(string platformId, ArchiveLimits? archiveLimits, ILoggerFactory loggerFactory)
    {
        ArgumentException.ThrowIfNullOrEmpty(platformId);
        var resolved = Options ?? DockerSpawnerOptions.FromEnvironment();
        // The platform's id labels the containers (to remove them after a killed host); its limits are those checked at registration.
        return new DockerSpawner(resolved with { PlatformId = platformId, ArchiveLimits = archiveLimits ?? resolved.ArchiveLimits });
    }

    /// <inheritdoc />
    public Task<int> RemovePlatformContainersAsync(string platformId, CancellationToken cancellationToken) =>
        DockerCleanup.RemovePlatformContainersAsync(platformId, Options?.Endpoint, cancellationToken);
}

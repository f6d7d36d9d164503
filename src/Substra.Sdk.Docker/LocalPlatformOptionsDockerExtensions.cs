using Substra.Sdk.Docker;

namespace Substra.Sdk.Local.Platform;

/// <summary>Makes the <c>docker</c> backend type available to the clients of a <see cref="LocalPlatform"/>.</summary>
public static class LocalPlatformOptionsDockerExtensions
{
    /// <summary>These options with a Docker backend: the platform's <c>docker</c> clients run their tasks in containers.</summary>
    /// <param name="platformOptions">The platform's options.</param>
    /// <param name="dockerOptions">The engine and container limits; <c>null</c> reads them from the environment (<c>DOCKER_HOST</c>, <c>SUBSTRA_DOCKER_*</c>).</param>
    public static LocalPlatformOptions WithDocker(this LocalPlatformOptions platformOptions, DockerSpawnerOptions? dockerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(platformOptions);
        return platformOptions with { DockerBackend = new DockerBackend(dockerOptions) };
    }
}

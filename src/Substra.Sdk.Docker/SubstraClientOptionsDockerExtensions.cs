using Substra.Sdk.Docker;

namespace Substra.Sdk.Configuration;

/// <summary>Makes the <c>docker</c> backend type available to a client.</summary>
public static class SubstraClientOptionsDockerExtensions
{
    /// <summary>
    /// Lets the client run its tasks in Docker containers when its backend type is <c>docker</c> (from code, the
    /// environment or the YAML file); other backend types are unchanged. Returns <paramref name="clientOptions"/>.
    /// </summary>
    /// <param name="clientOptions">The client's options.</param>
    /// <param name="dockerOptions">The engine and container limits; <c>null</c> reads them from the environment (<c>DOCKER_HOST</c>, <c>SUBSTRA_DOCKER_*</c>).</param>
    public static SubstraClientOptions UseDocker(this SubstraClientOptions clientOptions, DockerSpawnerOptions? dockerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        clientOptions.DockerBackend = new DockerBackend(dockerOptions);
        return clientOptions;
    }
}

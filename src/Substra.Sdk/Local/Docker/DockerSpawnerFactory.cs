using Substra.Sdk.Backends;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Docker;

namespace Substra.Sdk.Local;

/// <summary>Plugs the docker spawner into the local backend (only reached for backend type docker).</summary>
internal static partial class LocalSpawnerFactories
{
    static partial void CreateDockerSpawner(LocalBackendSettings settings, ref ITaskSpawner? spawner) =>
        spawner = new DockerSpawner(DockerSpawnerOptions.FromEnvironment());
}

using Substra.Sdk.Backends;
using Substra.Sdk.Local.Compute;

namespace Substra.Sdk.Local;

/// <summary>
/// Spawners that live in other folders of this assembly. <c>Local/Docker</c> provides the docker one by implementing
/// <see cref="CreateDockerSpawner"/>, so that the subprocess backend never loads Docker code.
/// </summary>
internal static partial class LocalSpawnerFactories
{
    public static ITaskSpawner? CreateDocker(LocalBackendSettings settings)
    {
        ITaskSpawner? spawner = null;
        CreateDockerSpawner(settings, ref spawner);
        return spawner;
    }

    static partial void CreateDockerSpawner(LocalBackendSettings settings, ref ITaskSpawner? spawner);
}

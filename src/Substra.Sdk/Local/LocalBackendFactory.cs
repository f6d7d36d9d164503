using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Archives;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Docker;

namespace Substra.Sdk.Local;

/// <summary>Builds local backends: the subprocess spawner, or or the docker one (<c>Local/Docker</c>).</summary>
public sealed class LocalBackendFactory : ILocalBackendFactory
{
    /// <inheritdoc />
    public IBackend Create(LocalBackendSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var workspace = Path.GetFullPath(settings.WorkspaceDirectory ?? Path.Combine(Environment.CurrentDirectory, "local-worker"));
        settings = settings with { WorkspaceDirectory = workspace };
        ITaskSpawner spawner = settings.BackendType switch
        {
            BackendType.LocalSubprocess => new SubprocessSpawner(
                new SubprocessSpawnerOptions
                {
                    WorkspaceDirectory = workspace, PythonInterpreter = settings.PythonInterpreter, ArchiveLimits = settings.ArchiveLimits,
                },
                settings.LoggerFactory.CreateLogger<SubprocessSpawner>()),
            BackendType.LocalDocker => CreateDockerSpawner(settings.ArchiveLimits),
            _ => throw new ArgumentException(
                $"A local backend is subprocess or docker, not {settings.BackendType.ToWireName()}.", nameof(settings)),
        };
        return new LocalBackend(settings, spawner);
    }

    /// <summary>A local backend that runs its tasks with <paramref name="spawner"/> (which it disposes).</summary>
    public IBackend Create(LocalBackendSettings settings, ITaskSpawner spawner)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(spawner);
        var workspace = Path.GetFullPath(settings.WorkspaceDirectory ?? Path.Combine(Environment.CurrentDirectory, "local-worker"));
        return new LocalBackend(settings with { WorkspaceDirectory = workspace }, spawner);
    }

    // Kept apart so that Docker.DotNet is only loaded when the docker backend is chosen.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ITaskSpawner CreateDockerSpawner(ArchiveLimits? archiveLimits) =>
        new DockerSpawner(DockerSpawnerOptions.FromEnvironment() with { ArchiveLimits = archiveLimits });
}

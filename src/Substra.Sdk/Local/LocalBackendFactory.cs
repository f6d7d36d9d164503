using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Subprocess;

namespace Substra.Sdk.Local;

/// <summary>Builds local backends: the subprocess spawner, or the docker one (provided by <c>Local/Docker</c>).</summary>
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
                new SubprocessSpawnerOptions { WorkspaceDirectory = workspace, PythonInterpreter = settings.PythonInterpreter },
                settings.LoggerFactory.CreateLogger<SubprocessSpawner>()),
            BackendType.LocalDocker => LocalSpawnerFactories.CreateDocker(settings) ?? throw new NotSupportedException(
                "The docker backend is not available in this build of Substra.Sdk; use the subprocess backend (backend_type subprocess)."),
            _ => throw new ArgumentException(
                $"A local backend is subprocess or docker, not {settings.BackendType.ToWireName()}.", nameof(settings)),
        };
        return new LocalBackend(settings, spawner);
    }
}

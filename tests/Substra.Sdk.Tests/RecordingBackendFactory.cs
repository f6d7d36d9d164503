using Substra.Sdk.Backends;

namespace Substra.Sdk.Tests;

/// <summary>Builds recording backends and keeps the settings the client passed.</summary>
internal sealed class RecordingBackendFactory : IRemoteBackendFactory, ILocalBackendFactory
{
    public RemoteBackendSettings? RemoteSettings { get; private set; }

    public LocalBackendSettings? LocalSettings { get; private set; }

    public RecordingBackend? Created { get; private set; }

    public IBackend Create(RemoteBackendSettings settings)
    {
        RemoteSettings = settings;
        return Created = new RecordingBackend(BackendType.Remote);
    }

    public IBackend Create(LocalBackendSettings settings)
    {
        LocalSettings = settings;
        return Created = new RecordingBackend(settings.BackendType);
    }
}

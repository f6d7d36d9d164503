namespace Substra.Sdk.Backends;

/// <summary>Builds the remote backend (implemented in <c>Remote/</c>).</summary>
internal interface IRemoteBackendFactory
{
    IBackend Create(RemoteBackendSettings settings);
}

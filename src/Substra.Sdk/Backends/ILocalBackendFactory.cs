namespace Substra.Sdk.Backends;

/// <summary>Builds a local backend, subprocess or docker (implemented in <c>Local/</c>).</summary>
internal interface ILocalBackendFactory
{
    IBackend Create(LocalBackendSettings settings);
}

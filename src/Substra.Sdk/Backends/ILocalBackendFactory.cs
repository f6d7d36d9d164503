namespace Substra.Sdk.Backends;

/// <summary>Builds a local backend, subprocess or docker (implemented in <c>Local/</c>).</summary>
public interface ILocalBackendFactory
{
    IBackend Create(LocalBackendSettings settings);
}

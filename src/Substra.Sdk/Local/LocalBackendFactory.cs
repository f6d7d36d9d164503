using Substra.Sdk.Backends;
using Substra.Sdk.Local.Platform;

namespace Substra.Sdk.Local;

/// <summary>
/// Builds local backends for clients made from options: each is a client of the local platform of its workspace, which
/// the first client of the process opens and the last one closes (see <see cref="LocalPlatform"/> to own it explicitly).
/// </summary>
internal sealed class LocalBackendFactory : ILocalBackendFactory
{
    /// <inheritdoc />
    public IBackend Create(LocalBackendSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ImplicitPlatforms.CreateBackend(settings);
    }
}

using Substra.Sdk.Local;

namespace Substra.Sdk.Backends;

// The client's default local factory (see DefaultBackendFactories).
internal static partial class DefaultBackendFactories
{
    static partial void CreateLocal(ref ILocalBackendFactory? factory) => factory = new LocalBackendFactory();
}

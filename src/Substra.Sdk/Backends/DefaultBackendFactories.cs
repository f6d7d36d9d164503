namespace Substra.Sdk.Backends;

/// <summary>
/// The factories the client uses when none is given in the options. The remote and local folders provide them by
/// implementing these partial methods (<c>static partial void CreateRemote(ref IRemoteBackendFactory? factory) { factory = …; }</c>),
/// so that each lands without editing this file; until then the client reports the missing backend.
/// </summary>
internal static partial class DefaultBackendFactories
{
    public static IRemoteBackendFactory? Remote
    {
        get
        {
            IRemoteBackendFactory? factory = null;
            CreateRemote(ref factory);
            return factory;
        }
    }

    public static ILocalBackendFactory? Local
    {
        get
        {
            ILocalBackendFactory? factory = null;
            CreateLocal(ref factory);
            return factory;
        }
    }

    static partial void CreateRemote(ref IRemoteBackendFactory? factory);

    static partial void CreateLocal(ref ILocalBackendFactory? factory);
}

using Substra.Sdk.Backends;
using Substra.Sdk.Remote;

namespace Substra.Sdk.Remote
{
    /// <summary>Builds <see cref="RemoteBackend"/> from the client's resolved configuration.</summary>
    internal sealed class RemoteBackendFactory : IRemoteBackendFactory
    {
        public IBackend Create(RemoteBackendSettings settings)
        {
            ArgumentNullException.ThrowIfNull(settings);
            var connection = new RemoteConnectionSettings(settings.Url)
            {
                Token = settings.Token,
                Insecure = settings.Insecure,
                RetryTimeout = settings.RetryTimeout,
                HttpAttemptTimeout = settings.HttpAttemptTimeout,
                HttpTotalTimeout = settings.HttpTotalTimeout,
                HttpStallTimeout = settings.HttpStallTimeout,
            };
            return new RemoteBackend(connection, settings.CreateHttpClient, settings.LoggerFactory);
        }
    }
}

namespace Substra.Sdk.Backends
{
    internal static partial class DefaultBackendFactories
    {
        static partial void CreateRemote(ref IRemoteBackendFactory? factory) => factory = new RemoteBackendFactory();
    }
}

using System.Net;

namespace Substra.Sdk.Remote;

/// <summary>The primary HTTP handler of the remote backend (also usable with IHttpClientFactory).</summary>
internal static class RemoteHttp
{
    public const string Accept = "application/json;version=0.0";

    /// <summary>A handler that verifies TLS certificates unless <paramref name="insecure"/>.</summary>
    public static HttpMessageHandler CreatePrimaryHandler(bool insecure)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        return handler;
    }

    /// <summary>An HttpClient without a global timeout: downloads of large models may legitimately take long.</summary>
    public static HttpClient CreateClient(bool insecure) =>
        new(CreatePrimaryHandler(insecure), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
}

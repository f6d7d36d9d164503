using Microsoft.Extensions.Logging;

namespace Substra.Sdk.Backends;

/// <summary>What the remote backend is built from (resolved client configuration).</summary>
internal sealed record RemoteBackendSettings
{
    /// <summary>The platform URL (non-empty).</summary>
    public required string Url { get; init; }

    /// <summary>Skip TLS certificate checks.</summary>
    public bool Insecure { get; init; }

    /// <summary>The API token, when one was configured.</summary>
    public string? Token { get; init; }

    /// <summary>How long adds and updates are retried after HTTP 408.</summary>
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The limit of one try of a request (see <see cref="Remote.RemoteConnectionSettings.HttpAttemptTimeout"/>).</summary>
    public TimeSpan HttpAttemptTimeout { get; init; } = Remote.RemoteConnectionSettings.DefaultHttpAttemptTimeout;

    /// <summary>The limit of a whole request (see <see cref="Remote.RemoteConnectionSettings.HttpTotalTimeout"/>).</summary>
    public TimeSpan HttpTotalTimeout { get; init; } = Remote.RemoteConnectionSettings.DefaultHttpTotalTimeout;

    /// <summary>How long a streamed transfer may go without data (see <see cref="Remote.RemoteConnectionSettings.HttpStallTimeout"/>).</summary>
    public TimeSpan HttpStallTimeout { get; init; } = Remote.RemoteConnectionSettings.DefaultHttpStallTimeout;

    /// <summary>
    /// Gives the HttpClient of each request (<c>AddSubstra</c> sets it to the client's named <c>IHttpClientFactory</c>
    /// client); null: the backend owns one.
    /// </summary>
    public Func<HttpClient>? CreateHttpClient { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    // The token never appears in logs or messages.
    public override string ToString() => $"RemoteBackendSettings {{ Url = {Url}, Insecure = {Insecure}, Token = {(Token is null ? "none" : "***")}, RetryTimeout = {RetryTimeout} }}";
}

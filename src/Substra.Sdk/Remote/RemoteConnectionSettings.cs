namespace Substra.Sdk.Remote;

/// <summary>
/// How to reach a Substra platform. <see cref="ToString"/> never shows the token.
/// </summary>
public sealed class RemoteConnectionSettings
{
    public RemoteConnectionSettings(string url)
    {
        if (string.IsNullOrEmpty(url))
        {
            throw new Exceptions.SdkException("url required to connect to the Substra server");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The Substra url '{url}' is not an absolute http:// or https:// URL; give the platform's backend address, e.g. https://substra-backend.org-1.com.", nameof(url));
        }
        Url = url;
    }

    /// <summary>The backend URL as given; one trailing '/' is stripped to form <see cref="BaseUrl"/>.</summary>
    public string Url { get; }

    public string BaseUrl => Url.EndsWith('/') ? Url[..^1] : Url;

    /// <summary>An API token; when null no Authorization header is sent (until a login).</summary>
    public string? Token { get; init; }

    /// <summary>Skip TLS certificate checks.</summary>
    public bool Insecure { get; init; }

    /// <summary>How long adds and updates are retried after HTTP 408 (the client's retry_timeout).</summary>
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How long every request is retried after HTTP 502, 503 or 504 (300 s in the reference, whatever retry_timeout is).</summary>
    public TimeSpan GatewayRetryTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>First retry delay; it doubles on every retry (1 s in the reference).</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public override string ToString() =>
        $"RemoteConnectionSettings {{ Url = {Url}, Token = {(Token is null ? "none" : "***")}, Insecure = {Insecure}, RetryTimeout = {RetryTimeout} }}";
}

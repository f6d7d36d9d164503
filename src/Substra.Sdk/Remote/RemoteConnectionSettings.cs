namespace Substra.Sdk.Remote;

/// <summary>
/// How to reach a Substra platform. <see cref="ToString"/> never shows the token.
/// </summary>
internal sealed class RemoteConnectionSettings
{
    private readonly TimeSpan _httpAttemptTimeout = DefaultHttpAttemptTimeout;
    private readonly TimeSpan _httpTotalTimeout = DefaultHttpTotalTimeout;
    private readonly TimeSpan _httpStallTimeout = DefaultHttpStallTimeout;

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

    /// <summary>
    /// The limit of one try of a request, from sending it to its response headers (default 100 s); for an upload of files,
    /// from the end of its body. Each retry (after 502, 503, 504 or 408) has its own. <see cref="Timeout.InfiniteTimeSpan"/>
    /// turns it off.
    /// </summary>
    public TimeSpan HttpAttemptTimeout
    {
        get => _httpAttemptTimeout;
        init => _httpAttemptTimeout = CheckTimeout(value, nameof(HttpAttemptTimeout));
    }

    /// <summary>
    /// The limit of a whole request: every try, the delays between retries and reading the response (default 10 min).
    /// Streamed downloads and uploads of files have none: <see cref="HttpStallTimeout"/> bounds them.
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan HttpTotalTimeout
    {
        get => _httpTotalTimeout;
        init => _httpTotalTimeout = CheckTimeout(value, nameof(HttpTotalTimeout));
    }

    /// <summary>
    /// A streamed download (model, archive, opener, logs) or an upload of files (function, dataset, data samples) fails
    /// when no data moves for this long (default 60 s), however long it takes in all. <see cref="Timeout.InfiniteTimeSpan"/>
    /// turns it off.
    /// </summary>
    public TimeSpan HttpStallTimeout
    {
        get => _httpStallTimeout;
        init => _httpStallTimeout = CheckTimeout(value, nameof(HttpStallTimeout));
    }

    /// <summary>The default <see cref="HttpAttemptTimeout"/>.</summary>
    public static TimeSpan DefaultHttpAttemptTimeout { get; } = TimeSpan.FromSeconds(100);

    /// <summary>The default <see cref="HttpTotalTimeout"/>.</summary>
    public static TimeSpan DefaultHttpTotalTimeout { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The default <see cref="HttpStallTimeout"/>.</summary>
    public static TimeSpan DefaultHttpStallTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>A timeout must be positive, or <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    internal static TimeSpan CheckTimeout(TimeSpan value, string name) =>
        value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive, or Timeout.InfiniteTimeSpan for no limit (got {value}).");

    public override string ToString() =>
        $"RemoteConnectionSettings {{ Url = {Url}, Token = {(Token is null ? "none" : "***")}, Insecure = {Insecure}, RetryTimeout = {RetryTimeout} }}";
}

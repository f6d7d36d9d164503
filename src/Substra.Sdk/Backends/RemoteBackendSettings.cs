using Microsoft.Extensions.Logging;

namespace Substra.Sdk.Backends;

/// <summary>What the remote backend is built from (resolved client configuration).</summary>
public sealed record RemoteBackendSettings
{
    /// <summary>The platform URL (non-empty).</summary>
    public required string Url { get; init; }

    /// <summary>Skip TLS certificate checks.</summary>
    public bool Insecure { get; init; }

    /// <summary>The API token, when one was configured.</summary>
    public string? Token { get; init; }

    /// <summary>How long adds and updates are retried after HTTP 408.</summary>
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromSeconds(300);

    public required ILoggerFactory LoggerFactory { get; init; }

    // The token never appears in logs or messages.
    public override string ToString() => $"RemoteBackendSettings {{ Url = {Url}, Insecure = {Insecure}, Token = {(Token is null ? "none" : "***")}, RetryTimeout = {RetryTimeout} }}";
}

namespace Substra.Sdk.Configuration;

/// <summary>The resolved configuration of a client (code &gt; environment &gt; file &gt; default), with each value's origin.</summary>
public sealed record ClientConfiguration
{
    /// <summary>The client's name, which selects its section of the configuration file and its <c>SUBSTRA_&lt;NAME&gt;_*</c> variables.</summary>
    public string? ClientName { get; init; }

    /// <summary>The platform URL, or null for none (an empty value resolves to null).</summary>
    public string? Url { get; init; }

    /// <summary>The API token sent to the platform, when one is configured.</summary>
    public string? Token { get; init; }

    /// <summary>The user name to log in with, when no token is configured.</summary>
    public string? Username { get; init; }

    /// <summary>The password to log in with; cleared from <see cref="SubstraClient.Configuration"/> once the client has it.</summary>
    public string? Password { get; init; }

    /// <summary>How long retried platform calls keep retrying (the reference's <c>retry_timeout</c>, 300 s by default).</summary>
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Skip TLS certificate checks (self-signed test platforms only).</summary>
    public bool Insecure { get; init; }

    /// <summary>The backend the client talks to: remote, or local subprocess or docker.</summary>
    public BackendType BackendType { get; init; } = BackendType.LocalSubprocess;

    /// <summary>Attribute name (<c>url</c>, <c>token</c>, …) → where its value came from.</summary>
    public IReadOnlyDictionary<string, ConfigurationOrigin> Origins { get; init; } = new Dictionary<string, ConfigurationOrigin>();

    // Secrets never appear in logs.
    /// <summary>The configuration with the token and password masked, for logs.</summary>
    public override string ToString()
        => $"ClientConfiguration {{ ClientName = {ClientName}, Url = {Url}, BackendType = {BackendType.ToWireName()}, RetryTimeout = {RetryTimeout}, "
            + $"Insecure = {Insecure}, Token = {(Token is null ? "null" : "***")}, Username = {Username}, Password = {(Password is null ? "null" : "***")} }}";
}

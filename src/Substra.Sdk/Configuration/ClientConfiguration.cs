namespace Substra.Sdk.Configuration;

/// <summary>The resolved configuration of a client (code &gt; environment &gt; file &gt; default), with each value's origin.</summary>
public sealed record ClientConfiguration
{
    public string? ClientName { get; init; }

    /// <summary>The platform URL, or null for none (an empty value resolves to null).</summary>
    public string? Url { get; init; }

    public string? Token { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromSeconds(300);

    public bool Insecure { get; init; }

    public BackendType BackendType { get; init; } = BackendType.LocalSubprocess;

    /// <summary>Attribute name (<c>url</c>, <c>token</c>, …) → where its value came from.</summary>
    public IReadOnlyDictionary<string, ConfigurationOrigin> Origins { get; init; } = new Dictionary<string, ConfigurationOrigin>();

    // Secrets never appear in logs.
    public override string ToString()
        => $"ClientConfiguration {{ ClientName = {ClientName}, Url = {Url}, BackendType = {BackendType.ToWireName()}, RetryTimeout = {RetryTimeout}, "
            + $"Insecure = {Insecure}, Token = {(Token is null ? "null" : "***")}, Username = {Username}, Password = {(Password is null ? "null" : "***")} }}";
}

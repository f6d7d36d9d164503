namespace Substra.Sdk.Remote;

/// <summary>A session opened by <c>/api-token-auth/</c>. <see cref="ToString"/> never shows the token.</summary>
internal sealed class RemoteSession(string id, string token, string expiresAt)
{
    public string Id { get; } = id;

    public string Token { get; } = token;

    /// <summary>As the server sent it (ISO 8601).</summary>
    public string ExpiresAt { get; } = expiresAt;

    public override string ToString() => $"RemoteSession {{ Id = {Id}, ExpiresAt = {ExpiresAt} }}";
}

namespace Substra.Sdk.Remote;

/// <summary>Which retries apply to a request.</summary>
internal enum RetryScope
{
    /// <summary>Login and logout: never retried.</summary>
    None,

    /// <summary>Every other request: retried on 502, 503 and 504.</summary>
    Gateway,

    /// <summary>Adds and updates: also retried on 408 when the body names a single key.</summary>
    GatewayAndRequestTimeout,
}

namespace Substra.Sdk.Exceptions;

/// <summary>A request to the platform failed; <see cref="StatusCode"/> is the HTTP status when there was a response.</summary>
public class RequestException(string message, int? statusCode, Exception? innerException = null) : SdkException(message, innerException)
{
    /// <summary>The HTTP status code, or null when no response was received.</summary>
    public int? StatusCode { get; } = statusCode;
}

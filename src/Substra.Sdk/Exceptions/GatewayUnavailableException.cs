namespace Substra.Sdk.Exceptions;

/// <summary>HTTP 502, 503 or 504; retried for up to 300 s before it surfaces.</summary>
public class GatewayUnavailableException(string message, int? statusCode, Exception? innerException = null) : HttpErrorException(message, statusCode, innerException);

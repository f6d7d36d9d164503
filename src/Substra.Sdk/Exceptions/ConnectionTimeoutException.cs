namespace Substra.Sdk.Exceptions;

/// <summary>The platform did not answer in time (the reference's <c>Timeout</c>, a client-side timeout).</summary>
public class ConnectionTimeoutException(string message, int? statusCode, Exception? innerException = null) : RequestException(message, statusCode, innerException);

namespace Substra.Sdk.Exceptions;

/// <summary>The platform could not be reached (the reference's <c>ConnectionError</c>).</summary>
public class ConnectionException(string message, int? statusCode, Exception? innerException = null) : RequestException(message, statusCode, innerException);

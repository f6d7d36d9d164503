namespace Substra.Sdk.Exceptions;

/// <summary>The platform answered with an error status (the reference's <c>HTTPError</c>).</summary>
public class HttpErrorException(string message, int? statusCode, Exception? innerException = null) : RequestException(message, statusCode, innerException);

namespace Substra.Sdk.Exceptions;

/// <summary>HTTP 403 (the reference's <c>AuthorizationError</c>).</summary>
public class AuthorizationException(string message, int? statusCode, Exception? innerException = null) : HttpErrorException(message, statusCode, innerException);

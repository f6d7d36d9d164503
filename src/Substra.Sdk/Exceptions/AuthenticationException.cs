namespace Substra.Sdk.Exceptions;

/// <summary>HTTP 401 (the reference's <c>AuthenticationError</c>).</summary>
public class AuthenticationException(string message, int? statusCode, Exception? innerException = null) : HttpErrorException(message, statusCode, innerException);

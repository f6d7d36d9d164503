namespace Substra.Sdk.Exceptions;

/// <summary>The username or password was refused.</summary>
public class BadLoginException(string message, int? statusCode, Exception? innerException = null) : RequestException(message, statusCode, innerException);

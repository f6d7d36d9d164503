namespace Substra.Sdk.Exceptions;

/// <summary>HTTP 500.</summary>
public class InternalServerErrorException(string message, int? statusCode, Exception? innerException = null) : HttpErrorException(message, statusCode, innerException);

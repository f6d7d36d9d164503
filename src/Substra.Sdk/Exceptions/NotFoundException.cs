namespace Substra.Sdk.Exceptions;

/// <summary>HTTP 404, or an unknown key in local mode.</summary>
public class NotFoundException(string message, int? statusCode, Exception? innerException = null) : HttpErrorException(message, statusCode, innerException);

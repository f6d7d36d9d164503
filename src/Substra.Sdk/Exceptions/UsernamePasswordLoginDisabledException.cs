namespace Substra.Sdk.Exceptions;

/// <summary>The platform does not accept username and password logins.</summary>
public class UsernamePasswordLoginDisabledException(string message, int? statusCode, Exception? innerException = null)
    : RequestException(
        message + " Username/password login is disabled on this platform: generate an API token in the web application and pass it as Token.",
        statusCode,
        innerException);

namespace Substra.Sdk.Exceptions;

/// <summary>HTTP 408: the operation on <see cref="Key"/> timed out on the server; adds and updates are retried.</summary>
public class RequestTimeoutException(object? key, int? statusCode = 408, Exception? innerException = null)
    : HttpErrorException($"Operation on object with key(s) '{PythonText.Format(key)}' timed out.", statusCode, innerException)
{
    /// <summary>The key (a string) or keys (a list of strings), as the body gave them.</summary>
    public object? Key { get; } = key;
}

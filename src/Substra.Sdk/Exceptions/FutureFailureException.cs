using Substra.Sdk.Models;

namespace Substra.Sdk.Exceptions;

/// <summary>
/// The asset failed or was canceled (the reference's <c>FutureFailureError</c>). The message names the failed task, its
/// function, worker and error type, and ends with the last lines of its log when the backend gives them;
/// <see cref="FutureException.Asset"/> is the waited asset as last fetched.
/// </summary>
public class FutureFailureException(string message, object asset) : FutureException(message, asset)
{
    /// <summary>The task that failed (the waited task, or the plan's failed task); null when it could not be read.</summary>
    public ComputeTask? FailedTask { get; init; }

    /// <summary>The last lines of <see cref="FailedTask"/>'s log, as in the message; null when they could not be read.</summary>
    public string? LogTail { get; init; }
}

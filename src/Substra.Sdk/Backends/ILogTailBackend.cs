namespace Substra.Sdk.Backends;

/// <summary>
/// A backend that reads the end of a failed task's log without holding the whole log in memory (a task can log gigabytes).
/// Failure messages use it; for other backends they read the whole log and keep its end.
/// </summary>
internal interface ILogTailBackend
{
    /// <summary>At most the last <paramref name="maxBytes"/> bytes of the log of the failed task, as text.</summary>
    Task<string> GetLogTailAsync(string taskKey, int maxBytes, CancellationToken cancellationToken);
}

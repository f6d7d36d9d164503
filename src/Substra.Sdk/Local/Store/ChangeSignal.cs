namespace Substra.Sdk.Local.Store;

/// <summary>A task that completes at the next change of the store: waits take it before reading, then await it.</summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = New();

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, New()).TrySetResult();

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

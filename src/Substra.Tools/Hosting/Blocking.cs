namespace Substra.Tools.Hosting;

/// <summary>Waits for asynchronous work on the task's synchronous path (a console process has no synchronization context).</summary>
internal static class Blocking
{
    /// <summary>Blocks until <paramref name="task"/> completes, rethrowing its exception as <c>await</c> would.</summary>
    public static void Wait(ValueTask task)
    {
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
        }
        else
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }
}

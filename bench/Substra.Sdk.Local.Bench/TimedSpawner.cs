using System.Diagnostics;
using Substra.Sdk.Local.Compute;

namespace Substra.Sdk.Local.Bench;

/// <summary>Wraps a spawner and adds up the time spent in it, to tell the scheduler's overhead from the function's run.</summary>
internal sealed class TimedSpawner(ITaskSpawner inner) : ITaskSpawner
{
    private long _ticks;

    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>When set, the next tasks' arguments and inputs are copied there (outside the timing) to replay the command line.</summary>
    public string? CaptureFolder { get; set; }

    public async Task SpawnAsync(SpawnRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.SpawnAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetElapsedTime(started).Ticks);
        }

        if (CaptureFolder is { } folder)
        {
            CapturedTask.Copy(request.TaskDirectory, folder);
        }
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

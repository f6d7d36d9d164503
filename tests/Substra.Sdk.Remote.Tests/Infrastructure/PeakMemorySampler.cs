using System.Diagnostics;

namespace Substra.Sdk.Remote.Tests.Infrastructure;

/// <summary>Samples the process's working set in the background and keeps the highest value seen.</summary>
public sealed class PeakMemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public PeakMemorySampler()
    {
        _peak = Current();
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var now = Current();
                if (now > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, now);
                }
                try
                {
                    await Task.Delay(10, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public long Peak => Interlocked.Read(ref _peak);

    public static long Current()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}

using System.Globalization;
using Polly;
using Polly.Timeout;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Remote;

/// <summary>
/// The time limits of every request, as Polly timeout pipelines: one per try (<see cref="RemoteConnectionSettings.HttpAttemptTimeout"/>,
/// inside the retries) and one for the whole request (<see cref="RemoteConnectionSettings.HttpTotalTimeout"/>: tries, retry
/// delays and the response body). Streamed transfers, downloads and uploads of files, have no total limit but fail when
/// they stall (<see cref="RemoteConnectionSettings.HttpStallTimeout"/>). A limit that fires is a
/// <see cref="ConnectionTimeoutException"/> naming the request, the limit and the setting.
/// </summary>
internal sealed class RemoteTimeouts
{
    private readonly TimeSpan _attemptTimeout;
    private readonly TimeSpan _totalTimeout;
    private readonly ResiliencePipeline _attempt;
    private readonly ResiliencePipeline _total;

    public RemoteTimeouts(RemoteConnectionSettings settings, TimeProvider time)
    {
        _attemptTimeout = settings.HttpAttemptTimeout;
        _totalTimeout = settings.HttpTotalTimeout;
        StallTimeout = settings.HttpStallTimeout;
        Time = time;
        _attempt = Build(_attemptTimeout, time);
        _total = Build(_totalTimeout, time);
    }

    public TimeSpan StallTimeout { get; }

    public TimeProvider Time { get; }

    /// <summary>One try of a request, until its response headers.</summary>
    public async Task<T> AttemptAsync<T>(HttpMethod method, string url, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await _attempt.ExecuteAsync(static async (state, token) => await state(token).ConfigureAwait(false), attempt, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            throw NoResponse(method, url, e);
        }
    }

    /// <summary>
    /// One try of an upload of files: it fails when no data is sent for <see cref="StallTimeout"/> while its body goes,
    /// then when the answer takes longer than the per-try limit from the end of the body. <paramref name="attempt"/>
    /// sends the body that the given factory makes.
    /// </summary>
    public async Task<T> UploadAttemptAsync<T>(
        HttpMethod method, string url, Func<HttpContent> content, Func<Func<HttpContent>, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(Timeout.InfiniteTimeSpan, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var sent = 0;
        void Restart(TimeSpan delay)
        {
            try
            {
                limit.CancelAfter(delay);
            }
            catch (ObjectDisposedException)
            {
                // The try is over; the connection may still flush the end of the body.
            }
        }

        HttpContent Watched() => new WatchedUploadContent(
            content(),
            progressed: () => Restart(StallTimeout),
            sent: () =>
            {
                Volatile.Write(ref sent, 1);
                Restart(_attemptTimeout);
            });

        Restart(StallTimeout);
        try
        {
            return await attempt(Watched, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Volatile.Read(ref sent) == 1
                ? NoResponse(method, url, e)
                : new ConnectionTimeoutException(
                    $"{method} {url}: the upload stalled, no data sent for {Format(StallTimeout)} (HttpStallTimeout); "
                    + "raise HttpStallTimeout for a slow or congested link.",
                    null,
                    e);
        }
    }

    /// <summary>A whole request: its tries, the delays between them, and reading its response.</summary>
    public async Task<T> WholeAsync<T>(HttpMethod method, string url, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        try
        {
            return await _total.ExecuteAsync(static async (state, token) => await state(token).ConfigureAwait(false), request, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutRejectedException e)
        {
            throw new ConnectionTimeoutException(
                $"{method} {url} did not complete within {Format(_totalTimeout)} (HttpTotalTimeout: every try, the delays between retries "
                + "and the response included); raise HttpTotalTimeout for a platform that is slow to answer or to recover.",
                null,
                e);
        }
    }

    private ConnectionTimeoutException NoResponse(HttpMethod method, string url, Exception cause) =>
        new(
            $"{method} {url}: no response within {Format(_attemptTimeout)} (HttpAttemptTimeout, the limit of one try). The platform may be "
            + "overloaded, or unreachable behind a proxy; raise HttpAttemptTimeout for a platform that answers slowly.",
            null,
            cause);

    public static string Format(TimeSpan timeout) =>
        timeout.TotalSeconds >= 1 && timeout.TotalSeconds == Math.Floor(timeout.TotalSeconds)
            ? $"{timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"
            : $"{timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms";

    // The generator, unlike the Timeout property, takes any duration; infinite (or zero) turns the limit off.
    private static ResiliencePipeline Build(TimeSpan timeout, TimeProvider time) =>
        timeout == Timeout.InfiniteTimeSpan
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = time }
                .AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = _ => ValueTask.FromResult(timeout) })
                .Build();
}

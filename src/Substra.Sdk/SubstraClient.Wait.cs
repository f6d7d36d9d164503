using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Models;

namespace Substra.Sdk;

// The wait loops: poll the backend; a local platform also wakes them at each state change, so they return within
// milliseconds of the end instead of up to a polling period later.
public sealed partial class SubstraClient
{
    private static readonly TimeSpan DefaultPlanPolling = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DefaultTaskPolling = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DefaultFunctionPolling = TimeSpan.FromSeconds(1);

    private enum WaitState
    {
        Pending,
        Finished,
        Failed,
        Canceled,
    }

    /// <summary>Waits until the plan is done, failed or canceled.</summary>
    /// <param name="key">The plan.</param>
    /// <param name="timeout">Gives up after this long with <see cref="FutureTimeoutException"/>; null or zero waits forever.</param>
    /// <param name="pollingPeriod">Time between two checks (default 2 s).</param>
    /// <param name="raiseOnFailure">Throw <see cref="FutureFailureException"/> when the plan failed or was canceled.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task<ComputePlan> WaitComputePlanAsync(
        string key, TimeSpan? timeout = null, TimeSpan? pollingPeriod = null, bool raiseOnFailure = true, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(WaitComputePlanAsync),
            token => WaitAsync(
                innerToken => backend.GetComputePlanAsync(Key(key), innerToken),
                plan => plan.Status switch
                {
                    ComputePlanStatus.Done => WaitState.Finished,
                    ComputePlanStatus.Failed => WaitState.Failed,
                    ComputePlanStatus.Canceled => WaitState.Canceled,
                    _ => WaitState.Pending,
                },
                timeout,
                pollingPeriod ?? DefaultPlanPolling,
                raiseOnFailure,
                token),
            cancellationToken,
            key: key);

    /// <summary>Waits until the task is done or canceled, or failed with its error type set.</summary>
    /// <inheritdoc cref="WaitComputePlanAsync" path="/param"/>
    public Task<ComputeTask> WaitTaskAsync(
        string key, TimeSpan? timeout = null, TimeSpan? pollingPeriod = null, bool raiseOnFailure = true, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(WaitTaskAsync),
            token => WaitAsync(
                innerToken => backend.GetTaskAsync(Key(key), innerToken),
                task => task.Status switch
                {
                    ComputeTaskStatus.Done => WaitState.Finished,
                    ComputeTaskStatus.Canceled => WaitState.Canceled,
                    ComputeTaskStatus.Failed when task.ErrorType is not null => WaitState.Failed,
                    _ => WaitState.Pending,
                },
                timeout,
                pollingPeriod ?? DefaultTaskPolling,
                raiseOnFailure,
                token),
            cancellationToken,
            key: key);

    /// <summary>Waits until the function is ready, failed or canceled (default polling 1 s).</summary>
    /// <inheritdoc cref="WaitComputePlanAsync" path="/param"/>
    public Task<Function> WaitFunctionAsync(
        string key, TimeSpan? timeout = null, TimeSpan? pollingPeriod = null, bool raiseOnFailure = true, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(WaitFunctionAsync),
            token => WaitAsync(
                innerToken => backend.GetFunctionAsync(Key(key), innerToken),
                function => function.Status switch
                {
                    FunctionStatus.Ready => WaitState.Finished,
                    FunctionStatus.Failed => WaitState.Failed,
                    FunctionStatus.Canceled => WaitState.Canceled,
                    _ => WaitState.Pending,
                },
                timeout,
                pollingPeriod ?? DefaultFunctionPolling,
                raiseOnFailure,
                token),
            cancellationToken,
            key: key);

    private async Task<T> WaitAsync<T>(
        Func<CancellationToken, Task<T>> fetch,
        Func<T, WaitState> stateOf,
        TimeSpan? timeout,
        TimeSpan pollingPeriod,
        bool raiseOnFailure,
        CancellationToken cancellationToken)
        where T : class
    {
        if (pollingPeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(pollingPeriod), pollingPeriod, "The polling period cannot be negative.");
        }

        var started = timeProvider.GetTimestamp();
        var signaling = backend as IChangeSignalingBackend;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var change = signaling?.NextChange;
            var asset = await fetch(cancellationToken).ConfigureAwait(false);
            var state = stateOf(asset);
            if (state != WaitState.Pending)
            {
                return !raiseOnFailure ? asset : state switch
                {
                    WaitState.Failed => throw new FutureFailureException($"Future execution failed on {asset}", asset),
                    WaitState.Canceled => throw new FutureFailureException($"Future execution canceled on {asset}", asset),
                    _ => asset,
                };
            }

            // A zero timeout means no timeout, as in the reference.
            if (timeout is { } limit && limit > TimeSpan.Zero && timeProvider.GetElapsedTime(started) > limit)
            {
                throw new FutureTimeoutException(asset);
            }

            if (change is null)
            {
                await Task.Delay(pollingPeriod, timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(pollingPeriod, timeProvider, sleep.Token);
            await Task.WhenAny(change, delay).ConfigureAwait(false);
            await sleep.CancelAsync().ConfigureAwait(false);
        }
    }
}

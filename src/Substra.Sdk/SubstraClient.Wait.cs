using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Failures;
using Substra.Sdk.Models;
using Substra.Sdk.Progress;

namespace Substra.Sdk;

// The wait loops: poll the backend; a local platform also wakes them at each state change, so they return within
// milliseconds of the end instead of up to a polling period later. On a platform, which raises no task state changes,
// the polling derives them (when someone listens). A failure is raised with a message that explains it.
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

    /// <summary>
    /// Waits until the plan is done, failed or canceled. On a platform, the task state changes seen while polling are
    /// raised as <see cref="TaskStateChanged"/> and reported to <see cref="Configuration.SubstraClientOptions.TaskProgress"/>.
    /// </summary>
    /// <param name="key">The plan.</param>
    /// <param name="timeout">Gives up after this long with <see cref="FutureTimeoutException"/>; null or zero waits forever.</param>
    /// <param name="pollingPeriod">Time between two checks (default 2 s).</param>
    /// <param name="raiseOnFailure">
    /// Throw <see cref="FutureFailureException"/> when the plan failed or was canceled; its message names the failed task,
    /// its function, worker and error type, and the last lines of its log.
    /// </param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task<ComputePlan> WaitComputePlanAsync(
        string key, TimeSpan? timeout = null, TimeSpan? pollingPeriod = null, bool raiseOnFailure = true, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(WaitComputePlanAsync),
            token =>
            {
                var progress = PolledProgress();
                return WaitAsync(
                    innerToken => _backend.GetComputePlanAsync(Key(key), innerToken),
                    plan => plan.Status switch
                    {
                        ComputePlanStatus.Done => WaitState.Finished,
                        ComputePlanStatus.Failed => WaitState.Failed,
                        ComputePlanStatus.Canceled => WaitState.Canceled,
                        _ => WaitState.Pending,
                    },
                    progress is null ? null : progress.ObservePlanAsync,
                    Failures.PlanAsync,
                    timeout,
                    pollingPeriod ?? DefaultPlanPolling,
                    raiseOnFailure,
                    token);
            },
            cancellationToken,
            key: key);

    /// <summary>Waits until the task is done or canceled, or failed with its error type set.</summary>
    /// <inheritdoc cref="WaitComputePlanAsync" path="/param"/>
    public Task<ComputeTask> WaitTaskAsync(
        string key, TimeSpan? timeout = null, TimeSpan? pollingPeriod = null, bool raiseOnFailure = true, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(WaitTaskAsync),
            token =>
            {
                var progress = PolledProgress();
                return WaitAsync(
                    innerToken => _backend.GetTaskAsync(Key(key), innerToken),
                    task => task.Status switch
                    {
                        ComputeTaskStatus.Done => WaitState.Finished,
                        ComputeTaskStatus.Canceled => WaitState.Canceled,
                        ComputeTaskStatus.Failed when task.ErrorType is not null => WaitState.Failed,
                        _ => WaitState.Pending,
                    },
                    progress is null ? null : (task, _) =>
                    {
                        progress.Observe(task);
                        return Task.CompletedTask;
                    },
                    Failures.TaskAsync,
                    timeout,
                    pollingPeriod ?? DefaultTaskPolling,
                    raiseOnFailure,
                    token);
            },
            cancellationToken,
            key: key);

    /// <summary>Waits until the function is ready, failed or canceled (default polling 1 s).</summary>
    /// <inheritdoc cref="WaitComputePlanAsync" path="/param"/>
    public Task<Function> WaitFunctionAsync(
        string key, TimeSpan? timeout = null, TimeSpan? pollingPeriod = null, bool raiseOnFailure = true, CancellationToken cancellationToken = default)
        => InvokeAsync(
            nameof(WaitFunctionAsync),
            token => WaitAsync(
                innerToken => _backend.GetFunctionAsync(Key(key), innerToken),
                function => function.Status switch
                {
                    FunctionStatus.Ready => WaitState.Finished,
                    FunctionStatus.Failed => WaitState.Failed,
                    FunctionStatus.Canceled => WaitState.Canceled,
                    _ => WaitState.Pending,
                },
                observe: null,
                (function, _) => Task.FromResult(FailureReports.Function(function)),
                timeout,
                pollingPeriod ?? DefaultFunctionPolling,
                raiseOnFailure,
                token),
            cancellationToken,
            key: key);

    private FailureReports Failures => new(_backend, _logger);

    // Only a platform needs its changes derived from polling (local backends raise them), and only when someone listens.
    private PolledTaskStates? PolledProgress() =>
        _backend.BackendType == BackendType.Remote && (TaskStateChanged is not null || _taskProgress is not null)
            ? new PolledTaskStates(_backend, _timeProvider, _logger, change => OnTaskStateChanged(_backend, change))
            : null;

    private async Task<T> WaitAsync<T>(
        Func<CancellationToken, Task<T>> fetch,
        Func<T, WaitState> stateOf,
        Func<T, CancellationToken, Task>? observe,
        Func<T, CancellationToken, Task<FutureFailureException>> failure,
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

        var started = _timeProvider.GetTimestamp();
        var signaling = _backend as IChangeSignalingBackend;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var change = signaling?.NextChange;
            var asset = await fetch(cancellationToken).ConfigureAwait(false);
            if (observe is not null)
            {
                await observe(asset, cancellationToken).ConfigureAwait(false);
            }

            var state = stateOf(asset);
            if (state != WaitState.Pending)
            {
                return !raiseOnFailure || state == WaitState.Finished
                    ? asset
                    : throw await failure(asset, cancellationToken).ConfigureAwait(false);
            }

            // A zero timeout means no timeout, as in the reference.
            if (timeout is { } limit && limit > TimeSpan.Zero && _timeProvider.GetElapsedTime(started) > limit)
            {
                throw new FutureTimeoutException(asset);
            }

            if (change is null)
            {
                await Task.Delay(pollingPeriod, _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(pollingPeriod, _timeProvider, sleep.Token);
            await Task.WhenAny(change, delay).ConfigureAwait(false);
            await sleep.CancelAsync().ConfigureAwait(false);
        }
    }
}

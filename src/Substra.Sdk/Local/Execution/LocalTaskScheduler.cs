using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Telemetry;
using Substra.Tools.Schema;

namespace Substra.Sdk.Local.Execution;

/// <summary>
/// Runs a platform's tasks as soon as their parents are done: a queue of ready tasks drained by a bounded number of
/// workers, so independent tasks run in parallel. Status transitions go through <see cref="TaskLifecycle"/>.
/// </summary>
internal sealed class LocalTaskScheduler : ITaskDispatcher, IAsyncDisposable
{
    private readonly LocalStore _store;
    private readonly TaskRunner _runner;
    private readonly TransientOutputs _transients;
    private readonly ILogger _logger;
    private readonly Channel<TaskEntry> _ready = Channel.CreateUnbounded<TaskEntry>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly CancellationTokenSource _disposing = new();
    private readonly Task[] _workers;

    public LocalTaskScheduler(LocalStore store, TaskRunner runner, TransientOutputs transients, int maxParallelTasks, ILogger logger)
    {
        if (maxParallelTasks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxParallelTasks), maxParallelTasks,
                "MaxParallelTasks must be at least 1 (the number of tasks a local client runs at once).");
        }

        _store = store;
        _runner = runner;
        _transients = transients;
        _logger = logger;
        _workers = Enumerable.Range(0, maxParallelTasks).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Raised for every status change of the platform's tasks (on a worker thread), with the task's owner.</summary>
    public event Action<string, TaskStateChange>? StateChanged;

    public void Enqueue(TaskEntry task)
    {
        if (!_ready.Writer.TryWrite(task))
        {
            // The platform is closing: the task stays waiting in the journal and runs when the workspace is reopened.
            _logger.LogDebug("Task {TaskKey} left waiting: the platform is closing.", task.Key);
        }
    }

    public void Report(TaskEntry task, TaskStateChange change)
    {
        _logger.Log(change.Status == ComputeTaskStatus.Failed ? LogLevel.Warning : LogLevel.Debug,
            "Task {TaskKey} of compute plan {ComputePlanKey}: {Status}", change.TaskKey, change.ComputePlanKey, change.Status);
        try
        {
            StateChanged?.Invoke(task.Owner, change);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "A task state observer threw; the task goes on.");
        }
    }

    private async Task WorkAsync()
    {
        // A worker inherits the context of whoever opened the platform: a task's span has its own parent instead.
        Activity.Current = null;
        await foreach (var task in _ready.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            using var running = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token);
            var started = false;
            _store.Transition(lifecycle => started = lifecycle.TryStart(task, running));
            if (started)
            {
                await RunAsync(task, running.Token).ConfigureAwait(false);
            }
        }
    }

    private async Task RunAsync(TaskEntry task, CancellationToken cancellationToken)
    {
        var span = StartSpan(task);
        TaskErrorType? error = null;
        Exception? failure = null;
        try
        {
            await _runner.RunAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("Task {TaskKey} canceled.", task.Key);
        }
        catch (BuildException e)
        {
            (error, failure) = (TaskErrorType.Build, e);
            _logger.LogWarning("Task {TaskKey} failed to build: {Message}", task.Key, e.Message);
        }
        catch (ExecutionException e)
        {
            (error, failure) = (TaskErrorType.Execution, e);
            _logger.LogWarning("Task {TaskKey} failed: {Message}", task.Key, e.Message);
        }
        catch (Exception e)
        {
            (error, failure) = (TaskErrorType.Internal, e);
            _logger.LogError(e, "Task {TaskKey} failed with an internal error.", task.Key);
        }

        if (_disposing.IsCancellationRequested && error is null)
        {
            // The platform is closing, not the user canceling: the task stays EXECUTING in the journal and runs again
            // from its inputs when the workspace is reopened.
            span?.SetTag(TelemetryNames.TaskStatus, ComputeTaskStatus.Executing.ToWireName());
            span?.Dispose();
            return;
        }

        // The span ends before the final status is visible: whoever saw the plan finish finds every span of it ended.
        var status = error is not null ? ComputeTaskStatus.Failed
            : cancellationToken.IsCancellationRequested ? ComputeTaskStatus.Canceled
            : ComputeTaskStatus.Done;
        TaskSpans.Finish(span, status, error, failure);
        span?.Dispose();

        var succeeded = error is null && !cancellationToken.IsCancellationRequested;
        if (succeeded && task.Function.Outputs.Any(output => output.Kind == AssetKind.Performance))
        {
            // Serialised per plan, and written before DONE: concurrent tasks never leave a stale file behind.
            lock (task.Plan.LivePerformancesLock)
            {
                _runner.WriteLivePerformances(task);
                Finish(task, error, cancellationToken);
            }
        }
        else
        {
            Finish(task, error, cancellationToken);
        }
    }

    // Under the task's span: its parent is the registering call, its links the runs of its parent tasks.
    private Activity? StartSpan(TaskEntry task)
    {
        if (!SubstraTelemetry.Source.HasListeners())
        {
            return null;
        }

        List<ActivityContext> parentRuns = [];
        lock (_store.Gate)
        {
            foreach (var input in task.Inputs)
            {
                if (input.ParentTaskKey is { Length: > 0 } parentKey && _store.Tasks.TryGetValue(parentKey, out var parent)
                    && !parentRuns.Contains(parent.RunContext))
                {
                    parentRuns.Add(parent.RunContext);
                }
            }
        }

        var span = SubstraTelemetry.Source.HasListeners() ? TaskSpans.Start(task.Snapshot(), task.BackendType, task.SubmittedFrom, parentRuns) : null;
        if (span is not null)
        {
            lock (_store.Gate)
            {
                task.RunContext = span.Context;
            }
        }

        return span;
    }

    private void Finish(TaskEntry task, TaskErrorType? error, CancellationToken cancellationToken)
    {
        _store.Transition(lifecycle =>
        {
            if (error is { } errorType)
            {
                lifecycle.Failed(task, errorType);
            }
            else if (cancellationToken.IsCancellationRequested)
            {
                lifecycle.Canceled(task);
            }
            else
            {
                lifecycle.Done(task);
            }
        });
        _transients.Release(task);
    }

    /// <summary>
    /// Stops the workers and the running processes. Tasks keep their journaled state: a durable platform reopened later
    /// runs what was waiting, and runs again what was running.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _ready.Writer.TryComplete();
        await _disposing.CancelAsync().ConfigureAwait(false);
        while (_ready.Reader.TryRead(out _))
        {
        }

        await Task.WhenAll(_workers).ConfigureAwait(false);
        await _runner.CloseRunFoldersAsync().ConfigureAwait(false);
        _disposing.Dispose();
    }
}

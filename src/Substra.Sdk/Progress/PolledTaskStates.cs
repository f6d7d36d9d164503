using Microsoft.Extensions.Logging;
using Substra.Sdk.Backends;
using Substra.Sdk.Filters;
using Substra.Sdk.Models;

namespace Substra.Sdk.Progress;

/// <summary>
/// Task state changes for a backend that raises none (the platform), derived from a wait's polling: the plan's tasks
/// are listed (page by page) whenever the plan's status counters moved since the last listing, and each task whose
/// status changed is reported. The first listing reports every task. A listing that fails is retried at the next poll;
/// it never fails the wait.
/// </summary>
internal sealed class PolledTaskStates(IBackend backend, TimeProvider time, ILogger logger, Action<TaskStateChange> report)
{
    private readonly Dictionary<string, (ComputeTaskStatus Status, TaskErrorType? ErrorType)> _known = new(StringComparer.Ordinal);
    private PlanCounters? _listedAt;

    public async Task ObservePlanAsync(ComputePlan plan, CancellationToken cancellationToken)
    {
        // Statuses only move forward, so any change of a task moves at least one counter. A finished plan is listed
        // once more whatever its counters say: its last changes are reported even if the counters ran ahead of them.
        var counters = PlanCounters.Of(plan);
        var finished = plan.Status is ComputePlanStatus.Done or ComputePlanStatus.Failed or ComputePlanStatus.Canceled;
        if (counters == _listedAt && !finished)
        {
            return;
        }

        var query = new ListQuery(
            new ListFilters { Values = new Dictionary<string, IReadOnlyList<string>> { ["compute_plan_key"] = [plan.Key] } },
            OrderingField.CreationDate,
            Ascending: true);
        try
        {
            if (backend is IStreamingListBackend streaming)
            {
                await foreach (var task in streaming.EnumerateTasksAsync(query, cancellationToken).ConfigureAwait(false))
                {
                    Observe(task);
                }
            }
            else
            {
                foreach (var task in await backend.ListTasksAsync(query, cancellationToken).ConfigureAwait(false))
                {
                    Observe(task);
                }
            }

            _listedAt = counters;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not list the tasks of compute plan {ComputePlanKey} to report their progress: {Error}", plan.Key, e.Message);
        }
    }

    /// <summary>Reports <paramref name="task"/> if its status or error type changed since it was last seen.</summary>
    public void Observe(ComputeTask task)
    {
        var state = (task.Status, task.ErrorType);
        if (_known.TryGetValue(task.Key, out var known) && known == state)
        {
            return;
        }

        _known[task.Key] = state;
        try
        {
            report(new TaskStateChange(task.Key, task.ComputePlanKey, task.Status, task.Rank, task.Worker, task.ErrorType, time.GetUtcNow()));
        }
        catch (Exception e)
        {
            // As on a local platform: an observer's failure is logged, the wait goes on.
            logger.LogError(e, "A task state observer threw on task {TaskKey}; the wait goes on.", task.Key);
        }
    }

    private readonly record struct PlanCounters(
        int Tasks, int WaitingBuilderSlot, int Building, int WaitingParentTasks, int WaitingExecutorSlot, int Executing, int Canceled, int Failed, int Done)
    {
        public static PlanCounters Of(ComputePlan plan) => new(
            plan.TaskCount, plan.WaitingBuilderSlotCount, plan.BuildingCount, plan.WaitingParentTasksCount, plan.WaitingExecutorSlotCount,
            plan.ExecutingCount, plan.CanceledCount, plan.FailedCount, plan.DoneCount);
    }
}

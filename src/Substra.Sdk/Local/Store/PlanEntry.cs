using System.Runtime.CompilerServices;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// A registered compute plan, its tasks and its live counters. The store's lock guards every mutable field; the
/// status is derived from the counters as the platform does.
/// </summary>
internal sealed class PlanEntry(ComputePlan registered)
{
    private readonly int[] _counts = new int[Enum.GetValues<ComputeTaskStatus>().Length];

    public ComputePlan Registered { get; set; } = registered;

    public string Key => Registered.Key;

    public List<TaskEntry> Tasks { get; } = [];

    /// <summary>Serialises writes of the live performances file (taken before the store's lock, never inside it).</summary>
    public object LivePerformancesLock { get; } = new();

    public DateTimeOffset? StartDate { get; set; }

    public DateTimeOffset? EndDate { get; set; }

    public string? FailedTaskKey { get; set; }

    /// <summary>Canceled by the user: final, whatever the counters say.</summary>
    public bool Canceled { get; set; }

    public int Count(ComputeTaskStatus status) => _counts[(int)status];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Move(ComputeTaskStatus? from, ComputeTaskStatus to)
    {
        if (from is { } previous)
        {
            _counts[(int)previous]--;
        }

        _counts[(int)to]++;
    }

    public ComputePlanStatus Status
    {
        get
        {
            var total = Tasks.Count;
            var done = Count(ComputeTaskStatus.Done);
            var failed = Count(ComputeTaskStatus.Failed);
            var canceled = Count(ComputeTaskStatus.Canceled);
            if (Canceled)
            {
                return ComputePlanStatus.Canceled;
            }

            if (failed > 0)
            {
                return ComputePlanStatus.Failed;
            }

            if (total == 0)
            {
                return ComputePlanStatus.Created;
            }

            if (done == total)
            {
                return ComputePlanStatus.Done;
            }

            if (done + canceled == total)
            {
                // Every task left was canceled because a parent in another plan failed or was canceled.
                return ComputePlanStatus.Canceled;
            }

            return StartDate is null ? ComputePlanStatus.Created : ComputePlanStatus.Doing;
        }
    }

    public static bool IsFinal(ComputePlanStatus status) =>
        status is ComputePlanStatus.Done or ComputePlanStatus.Failed or ComputePlanStatus.Canceled;

    public ComputePlan Snapshot(DateTimeOffset now)
    {
        var status = Status;
        var done = Count(ComputeTaskStatus.Done);
        DateTimeOffset? estimatedEnd = EndDate;
        if (estimatedEnd is null && StartDate is { } start && done > 0)
        {
            // The platform's estimate: the mean time per finished task, for the tasks left.
            var perTask = (now - start) / done;
            estimatedEnd = now + perTask * (Tasks.Count - done);
        }

        return Registered with
        {
            Status = status,
            TaskCount = Tasks.Count,
            WaitingBuilderSlotCount = Count(ComputeTaskStatus.WaitingForBuilderSlot),
            BuildingCount = Count(ComputeTaskStatus.Building),
            WaitingParentTasksCount = Count(ComputeTaskStatus.WaitingForParentTasks),
            WaitingExecutorSlotCount = Count(ComputeTaskStatus.WaitingForExecutorSlot),
            ExecutingCount = Count(ComputeTaskStatus.Executing),
            CanceledCount = Count(ComputeTaskStatus.Canceled),
            FailedCount = Count(ComputeTaskStatus.Failed),
            DoneCount = done,
            FailedTaskKey = FailedTaskKey,
            StartDate = StartDate,
            EndDate = EndDate,
            EstimatedEndDate = estimatedEnd,
            Duration = StartDate is { } begin ? (int)((EndDate ?? now) - begin).TotalSeconds : null,
        };
    }
}

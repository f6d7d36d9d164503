using Substra.Sdk.Backends;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// Status transitions of tasks and the plan counters that follow them, as the platform's orchestrator makes them.
/// Every method runs under the store's lock and records what changed; <see cref="Publish"/> then runs outside the lock
/// (events, and tasks that became ready go to their scheduler).
/// </summary>
internal sealed class TaskLifecycle(DateTimeOffset now)
{
    private readonly List<(TaskEntry Task, TaskStateChange Change)> _changes = [];
    private readonly List<TaskEntry> _ready = [];
    private readonly List<CancellationTokenSource> _toCancel = [];

    public DateTimeOffset Now { get; } = now;

    public static TaskLifecycle Begin() => new(DateTimeOffset.Now);

    /// <summary>A new task: waiting for its parents, ready, or canceled at once when a parent can no longer succeed.</summary>
    public void Register(TaskEntry task, IReadOnlyList<string> parentKeys, Func<string, TaskEntry> parentOf)
    {
        var blocked = false;
        for (var i = 0; i < parentKeys.Count; i++)
        {
            var parent = parentOf(parentKeys[i]);
            switch (parent.Status)
            {
                case ComputeTaskStatus.Done:
                    continue;
                case ComputeTaskStatus.Failed:
                case ComputeTaskStatus.Canceled:
                    blocked = true;
                    break;
                default:
                    task.PendingParents++;
                    (parent.Children ??= []).Add(task);
                    break;
            }
        }

        task.Plan.Tasks.Add(task);
        if (blocked)
        {
            task.Plan.Move(null, ComputeTaskStatus.Canceled);
            task.Status = ComputeTaskStatus.Canceled;
            task.EndDate = Now;
            Record(task);
        }
        else if (task.PendingParents > 0)
        {
            task.Plan.Move(null, ComputeTaskStatus.WaitingForParentTasks);
            task.Status = ComputeTaskStatus.WaitingForParentTasks;
        }
        else
        {
            task.Plan.Move(null, ComputeTaskStatus.WaitingForExecutorSlot);
            task.Status = ComputeTaskStatus.WaitingForExecutorSlot;
            _ready.Add(task);
        }

        UpdatePlanDates(task.Plan);
    }

    /// <summary>A worker took the task; false when it is no longer waiting (canceled meanwhile).</summary>
    public bool TryStart(TaskEntry task, CancellationTokenSource running)
    {
        if (task.Status != ComputeTaskStatus.WaitingForExecutorSlot)
        {
            return false;
        }

        Set(task, ComputeTaskStatus.Executing);
        task.StartDate = Now;
        task.Running = running;
        task.Plan.StartDate ??= Now;
        UpdatePlanDates(task.Plan);
        return true;
    }

    public void Done(TaskEntry task)
    {
        task.Running = null;
        task.EndDate = Now;
        Set(task, ComputeTaskStatus.Done);
        foreach (var child in task.Children ?? [])
        {
            if (child.Status == ComputeTaskStatus.WaitingForParentTasks && --child.PendingParents == 0)
            {
                Set(child, ComputeTaskStatus.WaitingForExecutorSlot);
                _ready.Add(child);
            }
        }

        task.Children = null;
        UpdatePlanDates(task.Plan);
    }

    /// <summary>The task failed: its plan fails, and every task that can no longer run is canceled.</summary>
    public void Failed(TaskEntry task, TaskErrorType errorType)
    {
        task.Running = null;
        task.EndDate = Now;
        task.ErrorType = errorType;
        Set(task, ComputeTaskStatus.Failed);
        task.Plan.FailedTaskKey ??= task.Key;
        CancelDescendants(task);
        CancelWaiting(task.Plan);
        UpdatePlanDates(task.Plan);
    }

    /// <summary>A running task was stopped (plan canceled, client disposed).</summary>
    public void Canceled(TaskEntry task)
    {
        task.Running = null;
        if (!task.IsFinished)
        {
            task.EndDate = Now;
            Set(task, ComputeTaskStatus.Canceled);
        }

        CancelDescendants(task);
        UpdatePlanDates(task.Plan);
    }

    /// <summary>Cancels the plan: waiting tasks at once, running ones by stopping their process.</summary>
    public void CancelPlan(PlanEntry plan)
    {
        plan.Canceled = true;
        foreach (var task in plan.Tasks)
        {
            if (task.Status == ComputeTaskStatus.Executing && task.Running is { } running)
            {
                _toCancel.Add(running);
            }
        }

        CancelWaiting(plan);
        UpdatePlanDates(plan);
    }

    public void Publish()
    {
        // Cancellation runs the spawner's callbacks: never under the store's lock.
        foreach (var running in _toCancel)
        {
            try
            {
                running.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The task finished meanwhile.
            }
        }

        foreach (var (task, change) in _changes)
        {
            task.Scheduler.Report(change);
        }

        foreach (var task in _ready)
        {
            if (task.Status == ComputeTaskStatus.WaitingForExecutorSlot)
            {
                task.Scheduler.Enqueue(task);
            }
        }
    }

    private void CancelWaiting(PlanEntry plan)
    {
        foreach (var task in plan.Tasks)
        {
            if (task.Status is ComputeTaskStatus.WaitingForParentTasks or ComputeTaskStatus.WaitingForExecutorSlot)
            {
                task.EndDate = Now;
                Set(task, ComputeTaskStatus.Canceled);
                CancelDescendants(task);
            }
        }
    }

    private void CancelDescendants(TaskEntry task)
    {
        var pending = new Stack<TaskEntry>(task.Children ?? []);
        task.Children = null;
        while (pending.TryPop(out var child))
        {
            if (child.Status is ComputeTaskStatus.WaitingForParentTasks or ComputeTaskStatus.WaitingForExecutorSlot)
            {
                child.EndDate = Now;
                Set(child, ComputeTaskStatus.Canceled);
                UpdatePlanDates(child.Plan);
                foreach (var grandChild in child.Children ?? [])
                {
                    pending.Push(grandChild);
                }

                child.Children = null;
            }
        }
    }

    private void Set(TaskEntry task, ComputeTaskStatus status)
    {
        task.Plan.Move(task.Status, status);
        task.Status = status;
        Record(task);
    }

    private void Record(TaskEntry task) =>
        _changes.Add((task, new TaskStateChange(task.Key, task.Plan.Key, task.Status, task.Registered.Rank, task.Registered.Worker, task.ErrorType, Now)));

    private void UpdatePlanDates(PlanEntry plan)
    {
        if (PlanEntry.IsFinal(plan.Status))
        {
            plan.EndDate ??= Now;
        }
        else
        {
            plan.EndDate = null;
        }
    }
}

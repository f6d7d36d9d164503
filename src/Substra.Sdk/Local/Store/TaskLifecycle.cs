using System.Runtime.CompilerServices;
using Substra.Sdk.Backends;
using Substra.Sdk.Telemetry;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// Status transitions of tasks and the plan counters that follow them, as the platform's orchestrator makes them.
/// Every method runs under the store's lock and records what changed; <see cref="Journal"/> makes the changes durable
/// (still under the lock), then <see cref="Publish"/> runs outside it (events, and tasks that became ready go to the
/// scheduler). Made by <see cref="LocalStore.Transition"/>.
/// </summary>
internal sealed class TaskLifecycle(LocalStore store, DateTimeOffset now)
{
    private readonly List<(TaskEntry Task, TaskStateChange Change, TimeSpan? Ran)> _changes = [];
    private readonly List<TaskEntry> _ready = [];
    private readonly List<CancellationTokenSource> _toCancel = [];
    private readonly HashSet<PlanEntry> _plans = [];

    public DateTimeOffset Now { get; } = now;

    /// <summary>A new task: waiting for its parents, ready, or canceled at once when a parent can no longer succeed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        _plans.Add(plan);
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

    /// <summary>Writes the changed tasks and plans to the journal (under the lock, in the caller's transaction).</summary>
    public void Journal()
    {
        if (!store.Journal.IsDurable)
        {
            return;
        }

        if (_changes.Count > 0)
        {
            var tasks = new HashSet<TaskEntry>(_changes.Count);
            foreach (var (task, _, _) in _changes)
            {
                tasks.Add(task);
            }

            store.Journal.SaveTaskStates(tasks);
        }

        foreach (var plan in _plans)
        {
            store.Journal.SavePlan(plan);
        }
    }

    /// <summary>A task that was running when its platform stopped: back to waiting, to run again from its inputs.</summary>
    public void Requeue(TaskEntry task)
    {
        task.Running = null;
        task.StartDate = null;
        Set(task, ComputeTaskStatus.WaitingForExecutorSlot);
        _ready.Add(task);
        UpdatePlanDates(task.Plan);
    }

    /// <summary>Hands a ready task to the scheduler (used when a platform reopens with ready tasks).</summary>
    public void Ready(TaskEntry task) => _ready.Add(task);

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

        var dispatcher = store.Dispatcher;
        foreach (var (task, change, ran) in _changes)
        {
            TaskMetrics.Record(change.Status, task.Function.Name, change.Worker, change.ErrorType, ran);
            dispatcher?.Report(task, change);
        }

        foreach (var task in _ready)
        {
            if (task.Status == ComputeTaskStatus.WaitingForExecutorSlot)
            {
                dispatcher?.Enqueue(task);
            }
        }

        store.Changes.Pulse();
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

    // A change that ends a run carries the run's duration, for the task duration metric.
    private void Record(TaskEntry task) =>
        _changes.Add((
            task,
            new TaskStateChange(task.Key, task.Plan.Key, task.Status, task.Rank, task.Worker, task.ErrorType, Now),
            task.IsFinished && task.StartDate is { } started ? Now - started : null));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdatePlanDates(PlanEntry plan)
    {
        _plans.Add(plan);
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

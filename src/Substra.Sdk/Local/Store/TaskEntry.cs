using System.Diagnostics;
using System.Runtime.CompilerServices;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// A registered task and its run state. The store's lock guards every mutable field; readers get snapshots
/// (<see cref="Snapshot"/>), never this object.
/// </summary>
internal sealed class TaskEntry(ComputeTask registered, PlanEntry plan, BackendType backendType, StrongBox<ActivityContext>? submittedFrom = null)
{
    // Span contexts boxed (none when tracing is off): 16 bytes per task instead of 80 in plans of 100,000 tasks, and
    // the tasks of one registration share theirs.
    private StrongBox<ActivityContext>? _runContext;

    /// <summary>What was registered; status and dates are overlaid by <see cref="Snapshot"/>.</summary>
    public ComputeTask Registered { get; } = registered;

    public string Key => Registered.Key;

    public PlanEntry Plan { get; } = plan;

    /// <summary>The backend type of the client that registered the task: the platform runs it with that spawner.</summary>
    public BackendType BackendType { get; } = backendType;

    public ComputeTaskStatus Status { get; set; }

    public DateTimeOffset? StartDate { get; set; }

    public DateTimeOffset? EndDate { get; set; }

    public TaskErrorType? ErrorType { get; set; }

    /// <summary>Parents not yet DONE.</summary>
    public int PendingParents { get; set; }

    /// <summary>Tasks waiting for this one, in registration order.</summary>
    public List<TaskEntry>? Children { get; set; }

    /// <summary>Cancels the running process; set while EXECUTING.</summary>
    public CancellationTokenSource? Running { get; set; }

    /// <summary>The task's standard output and error, once it has started (a file of the workspace's <c>logs/</c>).</summary>
    public string? LogPath { get; set; }

    /// <summary>The client call that registered the task, the parent of its run's span (none once the platform reopens).</summary>
    public ActivityContext SubmittedFrom => submittedFrom?.Value ?? default;

    /// <summary>The span of the task's last run in this process, which its children's runs link to.</summary>
    public ActivityContext RunContext
    {
        get => _runContext?.Value ?? default;
        set => _runContext = value == default ? null : new StrongBox<ActivityContext>(value);
    }

    public bool IsFinished => Status is ComputeTaskStatus.Done or ComputeTaskStatus.Failed or ComputeTaskStatus.Canceled;

    public ComputeTask Snapshot() => Registered with
    {
        Status = Status,
        StartDate = StartDate,
        EndDate = EndDate,
        ErrorType = ErrorType,
    };
}

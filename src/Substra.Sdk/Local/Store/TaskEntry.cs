using System.Diagnostics;
using System.Runtime.CompilerServices;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local.Store;

/// <summary>
/// A registered task and its run state, in one object: plans of 100,000 tasks are registered, kept and reopened, so the
/// registered fields are not held in a separate <see cref="ComputeTask"/> (built by <see cref="Snapshot"/>). The store's
/// lock guards every mutable field; readers get snapshots, never this object.
/// </summary>
internal sealed class TaskEntry
{
    // Span contexts boxed (none when tracing is off): 16 bytes per task instead of 80 in plans of 100,000 tasks, and
    // the tasks of one registration share theirs.
    private StrongBox<ActivityContext>? _runContext;

    public required string Key { get; init; }

    public required Function Function { get; init; }

    /// <summary>The organisation whose client registered the task.</summary>
    public required string Owner { get; init; }

    public required PlanEntry Plan { get; init; }

    public string ComputePlanKey => Plan.Key;

    public required string Worker { get; init; }

    public required int Rank { get; init; }

    public string Tag { get; init; } = "";

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>The task's own copy of the inputs it was registered with (a caller's list may change after).</summary>
    public InputRef[] Inputs { get; init; } = [];

    public IReadOnlyDictionary<string, ComputeTaskOutput> Outputs { get; init; } =
        System.Collections.ObjectModel.ReadOnlyDictionary<string, ComputeTaskOutput>.Empty;

    /// <summary>The backend type of the client that registered the task: the platform runs it with that spawner.</summary>
    public BackendType BackendType { get; init; }

    /// <summary>The client call that registered the task, boxed once per registration (none once the platform reopens).</summary>
    public StrongBox<ActivityContext>? SubmittedFromContext { get; init; }

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

    /// <summary>The client call that registered the task, the parent of its run's span.</summary>
    public ActivityContext SubmittedFrom => SubmittedFromContext?.Value ?? default;

    /// <summary>The span of the task's last run in this process, which its children's runs link to.</summary>
    public ActivityContext RunContext
    {
        get => _runContext?.Value ?? default;
        set => _runContext = value == default ? null : new StrongBox<ActivityContext>(value);
    }

    public bool IsFinished => Status is ComputeTaskStatus.Done or ComputeTaskStatus.Failed or ComputeTaskStatus.Canceled;

    /// <summary>The task as registered, with its current status and dates.</summary>
    public ComputeTask Snapshot() => new()
    {
        Key = Key,
        Function = Function,
        Owner = Owner,
        ComputePlanKey = Plan.Key,
        Metadata = Metadata,
        Status = Status,
        Worker = Worker,
        Rank = Rank,
        Tag = Tag,
        CreationDate = CreationDate,
        StartDate = StartDate,
        EndDate = EndDate,
        ErrorType = ErrorType,
        Inputs = Inputs,
        Outputs = Outputs,
    };
}

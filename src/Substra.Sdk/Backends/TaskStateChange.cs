namespace Substra.Sdk.Backends;

/// <summary>
/// A task changed status, so that a console can draw progress: raised by local backends as it happens, and on a platform
/// when a wait's polling sees it (then <paramref name="Timestamp"/> is when it was seen).
/// </summary>
/// <param name="TaskKey">The task.</param>
/// <param name="ComputePlanKey">Its plan.</param>
/// <param name="Status">The new status.</param>
/// <param name="Rank">The task's rank in its plan.</param>
/// <param name="Worker">The organisation running it.</param>
/// <param name="ErrorType">Why it failed, when <paramref name="Status"/> is failed.</param>
/// <param name="Timestamp">When the change happened.</param>
public sealed record TaskStateChange(
    string TaskKey,
    string ComputePlanKey,
    ComputeTaskStatus Status,
    int? Rank,
    string Worker,
    TaskErrorType? ErrorType,
    DateTimeOffset Timestamp);

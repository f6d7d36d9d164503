namespace Substra.Sdk.Exceptions;

/// <summary>
/// A batch of a compute plan's tasks was refused (HTTP 409 on <c>task/bulk_create</c>) and some of its tasks are not in the
/// plan; the batches after it were not sent. The plan exists with the tasks created before.
/// </summary>
public class TaskBatchNotCreatedException : SdkException
{
    /// <summary>Creates the exception; the message names the plan, the refused batch and the tasks that are not in the plan.</summary>
    public TaskBatchNotCreatedException(
        string computePlanKey, int batchIndex, int batchCount, int firstTaskIndex, int taskCount, int totalTaskCount,
        IReadOnlyList<string> notCreatedTaskKeys, Exception? innerException = null)
        : base(Describe(computePlanKey, batchIndex, batchCount, firstTaskIndex, taskCount, totalTaskCount, notCreatedTaskKeys, innerException), innerException)
    {
        ComputePlanKey = computePlanKey;
        BatchIndex = batchIndex;
        BatchCount = batchCount;
        FirstTaskIndex = firstTaskIndex;
        TaskCount = taskCount;
        NotCreatedTaskKeys = notCreatedTaskKeys;
    }

    /// <summary>The compute plan the tasks were added to.</summary>
    public string ComputePlanKey { get; }

    /// <summary>The refused batch, from 0.</summary>
    public int BatchIndex { get; }

    /// <summary>How many batches the tasks were split into.</summary>
    public int BatchCount { get; }

    /// <summary>The position of the batch's first task among the plan's tasks in rank order, from 0.</summary>
    public int FirstTaskIndex { get; }

    /// <summary>The number of tasks in the refused batch.</summary>
    public int TaskCount { get; }

    /// <summary>Every task key not in the plan: those of the refused batch that are missing, then those of the batches not sent.</summary>
    public IReadOnlyList<string> NotCreatedTaskKeys { get; }

    private const int KeysShown = 20;

    private static string Describe(
        string planKey, int batchIndex, int batchCount, int first, int count, int total, IReadOnlyList<string> notCreated, Exception? cause)
    {
        var shown = string.Join(", ", notCreated.Take(KeysShown).Select(key => $"'{key}'"));
        var more = notCreated.Count > KeysShown ? $" and {notCreated.Count - KeysShown} more" : "";
        var reason = cause is null ? "" : $" ({cause.Message})";
        return $"Batch {batchIndex + 1}/{batchCount} of compute plan '{planKey}' (tasks {first + 1}-{first + count} of {total} in rank order) "
            + $"was refused with 409 Conflict{reason}; the batches after it were not sent. "
            + $"{notCreated.Count} task(s) are not in the plan: {shown}{more}. "
            + "A task key can be used once on the platform: give the conflicting tasks new keys and add the missing tasks to the plan "
            + "(AddComputePlanTasksAsync).";
    }
}

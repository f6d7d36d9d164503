using System.Collections.Concurrent;
using Substra.Sdk;
using Substra.Sdk.Backends;

namespace Substra.Samples.FedAvg;

/// <summary>Counts the plan's finished tasks from the backend's task-state events and redraws the progress bar.</summary>
internal sealed class PlanProgress(string computePlanKey, int taskCount, ConsoleProgressBar bar)
{
    private readonly ConcurrentDictionary<string, ComputeTaskStatus> statuses = new(StringComparer.Ordinal);

    public void OnTaskStateChanged(object? sender, TaskStateChange change)
    {
        if (change.ComputePlanKey != computePlanKey)
        {
            return;
        }

        statuses[change.TaskKey] = change.Status;
        int done = statuses.Values.Count(s => s == ComputeTaskStatus.Done);
        int failed = statuses.Values.Count(s => s is ComputeTaskStatus.Failed or ComputeTaskStatus.Canceled);
        bar.Report(done, failed, taskCount, change.Status == ComputeTaskStatus.Executing ? $"rank {change.Rank} on {change.Worker}" : null);
    }

    public void Complete() => bar.Complete();
}

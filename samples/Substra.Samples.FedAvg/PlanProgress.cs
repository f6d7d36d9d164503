using System.Collections.Concurrent;
using Spectre.Console;
using Substra.Sdk;
using Substra.Sdk.Backends;

namespace Substra.Samples.FedAvg;

/// <summary>
/// Shows how far a compute plan is, from the client's task-state events: a live progress bar (Spectre.Console) on a
/// terminal, and a plain line whenever the count changes when the output is redirected or not a terminal, so logs
/// stay readable.
/// </summary>
public sealed class PlanProgress
{
    private readonly ConcurrentDictionary<string, ComputeTaskStatus> _statuses = new(StringComparer.Ordinal);
    private readonly string _computePlanKey;
    private readonly int _taskCount;

    private PlanProgress(string computePlanKey, int taskCount)
    {
        _computePlanKey = computePlanKey;
        _taskCount = taskCount;
    }

    /// <summary>Runs <paramref name="work"/> (submitting and waiting for the plan) while showing its progress.</summary>
    public static async Task<T> ShowAsync<T>(IAnsiConsole console, SubstraClient client, string computePlanKey, int taskCount, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(work);
        var progress = new PlanProgress(computePlanKey, taskCount);
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            return await console.Progress()
                .AutoClear(false)
                .Columns(new SpinnerColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
                .StartAsync(async context =>
                {
                    ProgressTask bar = context.AddTask(Markup.Escape(progress.Describe(null)), maxValue: taskCount);
                    return await progress.FollowAsync(client, work, change =>
                    {
                        (int done, int failed) = progress.Counts();
                        bar.Value = done + failed;
                        bar.Description = Markup.Escape(progress.Describe(change));
                    });
                });
        }

        var gate = new Lock();
        string last = string.Empty;
        return await progress.FollowAsync(client, work, change =>
        {
            string line = progress.Describe(null);
            lock (gate)
            {
                if (line != last)
                {
                    last = line;
                    console.WriteLine(line);
                }
            }
        });
    }

    private async Task<T> FollowAsync<T>(SubstraClient client, Func<Task<T>> work, Action<TaskStateChange> changed)
    {
        void OnTaskStateChanged(object? sender, TaskStateChange change)
        {
            if (change.ComputePlanKey != _computePlanKey)
            {
                return;
            }

            _statuses[change.TaskKey] = change.Status;
            changed(change);
        }

        client.TaskStateChanged += OnTaskStateChanged;
        try
        {
            return await work();
        }
        finally
        {
            client.TaskStateChanged -= OnTaskStateChanged;
        }
    }

    private (int Done, int Failed) Counts()
    {
        ComputeTaskStatus[] statuses = _statuses.Values.ToArray();
        return (statuses.Count(s => s == ComputeTaskStatus.Done), statuses.Count(s => s is ComputeTaskStatus.Failed or ComputeTaskStatus.Canceled));
    }

    private string Describe(TaskStateChange? change)
    {
        (int done, int failed) = Counts();
        string text = $"{done}/{_taskCount} tasks done" + (failed > 0 ? $", {failed} failed or canceled" : string.Empty);
        return change is { Status: ComputeTaskStatus.Executing } ? $"{text} (rank {change.Rank} running on {change.Worker})" : text;
    }
}

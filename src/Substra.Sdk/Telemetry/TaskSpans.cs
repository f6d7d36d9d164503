using System.Diagnostics;
using Substra.Sdk.Models;

namespace Substra.Sdk.Telemetry;

/// <summary>
/// The span of one local task run, from the moment a worker takes it to its final status. Its parent is the client call
/// that registered the task (when it was made in this process); it links to the runs of its parent tasks.
/// </summary>
internal static class TaskSpans
{
    public static Activity? Start(ComputeTask task, BackendType backendType, ActivityContext submittedFrom, IEnumerable<ActivityContext> parentRuns)
    {
        if (!SubstraTelemetry.Source.HasListeners())
        {
            return null;
        }

        List<ActivityLink>? links = null;
        foreach (var parentRun in parentRuns)
        {
            if (parentRun != default)
            {
                (links ??= []).Add(new ActivityLink(parentRun));
            }
        }

        var tags = new ActivityTagsCollection
        {
            [TelemetryNames.TaskKey] = task.Key,
            [TelemetryNames.FunctionKey] = task.Function.Key,
            [TelemetryNames.FunctionName] = task.Function.Name,
            [TelemetryNames.TaskWorker] = task.Worker,
            [TelemetryNames.ComputePlanKey] = task.ComputePlanKey,
            [TelemetryNames.BackendType] = backendType.ToWireName(),
        };
        if (task.Rank is { } rank)
        {
            tags[TelemetryNames.TaskRank] = rank;
        }

        return SubstraTelemetry.Source.StartActivity(ActivityKind.Internal, submittedFrom, tags, links, name: TelemetryNames.TaskSpan);
    }

    /// <summary>Records how the run ended: the task's status, and for a failure its error type and the exception.</summary>
    public static void Finish(Activity? activity, ComputeTaskStatus status, TaskErrorType? errorType, Exception? error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(TelemetryNames.TaskStatus, status.ToWireName());
        if (errorType is { } type)
        {
            activity.SetTag(TelemetryNames.ErrorType, type.ToWireName());
            activity.SetStatus(ActivityStatusCode.Error, error?.Message ?? type.ToWireName());
            if (error is not null)
            {
                activity.AddException(error);
            }
        }
    }
}

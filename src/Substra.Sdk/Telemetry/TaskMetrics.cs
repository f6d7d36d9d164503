using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Substra.Sdk.Telemetry;

/// <summary>
/// Local task metrics: <c>substra.task.transitions</c> counts every status a task reaches (so the tasks done, failed or
/// canceled are the sums for those statuses), <c>substra.task.duration</c> is how long a task ran, in seconds.
/// </summary>
internal static class TaskMetrics
{
    // From a tenth of a second to two hours: tasks range from a quick evaluation to a long training.
    private static readonly double[] DurationBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];

    private static readonly Counter<long> Transitions = SubstraTelemetry.Meter.CreateCounter<long>(
        TelemetryNames.TaskTransitionsMetric, "{transition}", "Status changes of local tasks, by the status reached (substra.task.status).");

    private static readonly Histogram<double> Durations = SubstraTelemetry.Meter.CreateHistogram(
        TelemetryNames.TaskDurationMetric, "s", "How long local tasks ran, from their start to their final status.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    /// <summary>One status change; <paramref name="ran"/> is the run's duration when the change ends a run.</summary>
    public static void Record(ComputeTaskStatus status, string functionName, string worker, TaskErrorType? errorType, TimeSpan? ran)
    {
        if (!Transitions.Enabled && !Durations.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { TelemetryNames.TaskStatus, status.ToWireName() },
            { TelemetryNames.FunctionName, functionName },
            { TelemetryNames.TaskWorker, worker },
        };
        if (errorType is { } type)
        {
            tags.Add(TelemetryNames.ErrorType, type.ToWireName());
        }

        Transitions.Add(1, tags);
        if (ran is { } duration)
        {
            Durations.Record(Math.Max(0, duration.TotalSeconds), tags);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Substra.Tests.Shared;

/// <summary>
/// Collects the spans of one test with a plain <see cref="ActivityListener"/> (no OpenTelemetry package): it starts a
/// root span, and keeps the SDK's spans of that root's trace once they end, so that tests running at the same time
/// never see each other's spans.
/// </summary>
public sealed class ActivityCollector : IDisposable
{
    public const string SdkSource = "Substra.Sdk";

    private static readonly ActivitySource TestSource = new("Substra.Tests");

    private readonly ConcurrentQueue<Activity> _ended = new();
    private readonly ActivityListener _listener;
    private ActivityTraceId _trace;

    public ActivityCollector(string testName)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SdkSource or "Substra.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == SdkSource && activity.TraceId == _trace)
                {
                    _ended.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        Root = TestSource.StartActivity(testName) ?? throw new InvalidOperationException("The test's root span was not created.");
        _trace = Root.TraceId;
    }

    /// <summary>The test's root span (the current activity of the test from its creation).</summary>
    public Activity Root { get; }

    /// <summary>The SDK's spans of the test's trace that have ended, in the order they ended.</summary>
    public IReadOnlyList<Activity> Spans => _ended.ToArray();

    public IReadOnlyList<Activity> Named(string name) => Spans.Where(span => span.OperationName == name).ToList();

    public void Dispose()
    {
        Root.Dispose();
        _listener.Dispose();
    }
}

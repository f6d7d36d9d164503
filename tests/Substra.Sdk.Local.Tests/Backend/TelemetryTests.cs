using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Schemas;
using Substra.Tests.Shared;
using static Substra.Sdk.Local.Tests.Infrastructure.LocalClients;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>
/// The spans and metrics of a real local plan, collected with the BCL's listeners: a span per task run, under the call
/// that submitted it and linked to its parents' runs; task transitions and durations by status.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private static readonly TimeSpan Polling = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Each_task_run_is_a_span_under_the_submitting_call_linked_to_its_parents_runs()
    {
        using var spans = new ActivityCollector(nameof(Each_task_run_is_a_span_under_the_submitting_call_linked_to_its_parents_runs));
        await using var client = Create(_temp);
        var org = (await client.OrganizationInfoAsync()).OrganizationId;
        var dump = await client.AddFunctionAsync(Function(_temp, "report_confinement", [], ModelOutput));
        var aggregate = await client.AddFunctionAsync(Function(_temp, "aggregate", ModelsInput, ModelOutput));
        string first = Guid.NewGuid().ToString(), second = Guid.NewGuid().ToString(), merged = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Name = "traced",
            Tasks =
            [
                new ComputePlanTaskSpec { TaskId = first, FunctionKey = dump, Worker = org, Outputs = PublicModel },
                new ComputePlanTaskSpec { TaskId = second, FunctionKey = dump, Worker = org, Outputs = PublicModel },
                new ComputePlanTaskSpec
                {
                    TaskId = merged, FunctionKey = aggregate, Worker = org, Outputs = PublicModel,
                    Inputs = [InputRef.FromParentTask("models", first, "model"), InputRef.FromParentTask("models", second, "model")],
                },
            ],
        };

        await client.AddComputePlanAsync(spec);
        await client.WaitComputePlanAsync(spec.Key, Timeout, Polling);

        var submit = Assert.Single(spans.Named("SubstraClient.AddComputePlanAsync"));
        Assert.Equal(spec.Key, submit.GetTagItem("substra.asset.key"));
        Assert.Equal("subprocess", submit.GetTagItem("substra.backend.type"));
        var runs = spans.Named("substra.task").ToDictionary(span => (string)span.GetTagItem("substra.task.key")!);
        Assert.Equal(new[] { first, second, merged }.Order(), runs.Keys.Order());
        foreach (var (key, run) in runs)
        {
            Assert.Equal(spans.Root.TraceId, run.TraceId);
            Assert.Equal(submit.SpanId, run.ParentSpanId);
            Assert.Equal(ActivityKind.Internal, run.Kind);
            Assert.Equal(ActivityStatusCode.Unset, run.Status);
            Assert.Equal("STATUS_DONE", run.GetTagItem("substra.task.status"));
            Assert.Equal(org, run.GetTagItem("substra.task.worker"));
            Assert.Equal(spec.Key, run.GetTagItem("substra.compute_plan.key"));
            Assert.Equal("subprocess", run.GetTagItem("substra.backend.type"));
            Assert.Equal(key == merged ? aggregate : dump, run.GetTagItem("substra.function.key"));
            Assert.Equal(key == merged ? "aggregate" : "report_confinement", run.GetTagItem("substra.function.name"));
            Assert.Equal(key == merged ? 1 : 0, run.GetTagItem("substra.task.rank"));
            Assert.Null(run.GetTagItem("error.type"));
        }

        Assert.Equal(
            new[] { runs[first].SpanId.ToHexString(), runs[second].SpanId.ToHexString() }.Order(),
            runs[merged].Links.Select(link => link.Context.SpanId.ToHexString()).Order());
        Assert.Empty(runs[first].Links);
        Assert.True(runs[merged].StartTimeUtc >= runs[first].StartTimeUtc + runs[first].Duration, "the merge ran after its parents");
        Assert.Single(spans.Named("SubstraClient.WaitComputePlanAsync"));
    }

    [Fact]
    public async Task A_failed_run_has_its_error_type_and_an_error_status_and_so_has_the_wait()
    {
        using var spans = new ActivityCollector(nameof(A_failed_run_has_its_error_type_and_an_error_status_and_so_has_the_wait));
        await using var client = Create(_temp);
        var org = (await client.OrganizationInfoAsync()).OrganizationId;
        var fail = await client.AddFunctionAsync(Function(_temp, "fail", [], ModelOutput));

        var key = await client.AddTaskAsync(new TaskSpec { FunctionKey = fail, Worker = org, Outputs = PublicModel });
        await Assert.ThrowsAsync<FutureFailureException>(() => client.WaitTaskAsync(key, Timeout, Polling));

        var run = Assert.Single(spans.Named("substra.task"));
        Assert.Equal(Assert.Single(spans.Named("SubstraClient.AddTaskAsync")).SpanId, run.ParentSpanId);
        Assert.Equal("STATUS_FAILED", run.GetTagItem("substra.task.status"));
        Assert.Equal("EXECUTION_ERROR", run.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, run.Status);
        Assert.Contains(run.Events, e => e.Name == "exception");
        var wait = Assert.Single(spans.Named("SubstraClient.WaitTaskAsync"));
        Assert.Equal("Substra.Sdk.Exceptions.FutureFailureException", wait.GetTagItem("error.type"));
        Assert.Equal(key, wait.GetTagItem("substra.asset.key"));
    }

    [Fact]
    public async Task Task_transitions_are_counted_by_status_and_runs_timed_in_seconds()
    {
        // Function names of this test only: measurements of tests running meanwhile carry other names.
        var names = new { Ok = $"ok-{Guid.NewGuid():N}", Fail = $"fail-{Guid.NewGuid():N}", Child = $"child-{Guid.NewGuid():N}" };
        using var metrics = new MetricCollector();
        await using var client = Create(_temp);
        var org = (await client.OrganizationInfoAsync()).OrganizationId;
        var ok = await client.AddFunctionAsync(Function(_temp, "dump_arguments", [], ModelOutput, names.Ok));
        var fail = await client.AddFunctionAsync(Function(_temp, "fail", [], ModelOutput, names.Fail));
        var child = await client.AddFunctionAsync(Function(_temp, "aggregate", ModelsInput, ModelOutput, names.Child));
        string failing = Guid.NewGuid().ToString();
        var spec = new ComputePlanSpec
        {
            Name = "measured",
            Tasks =
            [
                new ComputePlanTaskSpec { TaskId = Guid.NewGuid().ToString(), FunctionKey = ok, Worker = org, Outputs = PublicModel },
                new ComputePlanTaskSpec { TaskId = Guid.NewGuid().ToString(), FunctionKey = ok, Worker = org, Outputs = PublicModel },
                new ComputePlanTaskSpec { TaskId = failing, FunctionKey = fail, Worker = org, Outputs = PublicModel },
                new ComputePlanTaskSpec
                {
                    TaskId = Guid.NewGuid().ToString(), FunctionKey = child, Worker = org, Outputs = PublicModel,
                    Inputs = [InputRef.FromParentTask("models", failing, "model")],
                },
            ],
        };

        // Two workers: the two good tasks may run before or after the failing one fails the plan; wait for all ends.
        await client.AddComputePlanAsync(spec);
        await client.WaitComputePlanAsync(spec.Key, Timeout, Polling, raiseOnFailure: false);
        await metrics.WaitForAsync(m => m.Count(x => x.Instrument == "substra.task.transitions" && Final(x) && Named(x, names.Ok, names.Fail, names.Child)) == 4);

        var transitions = metrics.Of("substra.task.transitions");
        Assert.All(transitions, m => Assert.Equal(1, m.Value));
        Assert.Equal(["STATUS_EXECUTING", "STATUS_FAILED"], Statuses(transitions, names.Fail));
        Assert.Equal(["STATUS_CANCELED"], Statuses(transitions, names.Child));
        Assert.Equal("EXECUTION_ERROR", transitions.Single(m => m.Tag("substra.task.status") == "STATUS_FAILED" && Named(m, names.Fail)).Tag("error.type"));
        Assert.All(transitions.Where(m => Named(m, names.Ok, names.Fail, names.Child)), m => Assert.Equal(org, m.Tag("substra.task.worker")));

        // A task that ran is timed when it ends; one canceled before running is not.
        var durations = metrics.Of("substra.task.duration");
        Assert.Equal(["STATUS_FAILED"], Statuses(durations, names.Fail));
        Assert.Empty(Statuses(durations, names.Child));
        Assert.All(durations.Where(m => Named(m, names.Ok, names.Fail)), m => Assert.True(m.Value > 0, $"a run of {m.Value} s"));
        Assert.Equal("s", metrics.Unit("substra.task.duration"));
        Assert.Equal("{transition}", metrics.Unit("substra.task.transitions"));

        // The good tasks either ran (executing, done) or were canceled before running, as the plan failed.
        var ran = Statuses(transitions, names.Ok);
        Assert.Equal(ran.Count(s => s == "STATUS_DONE"), Statuses(durations, names.Ok).Count(s => s == "STATUS_DONE"));
        Assert.Equal(2, ran.Count(s => s is "STATUS_DONE" or "STATUS_CANCELED" or "STATUS_FAILED"));
    }

    private static bool Final(MetricCollector.Measurement measurement) =>
        measurement.Tag("substra.task.status") is "STATUS_DONE" or "STATUS_FAILED" or "STATUS_CANCELED";

    private static bool Named(MetricCollector.Measurement measurement, params string[] names) =>
        names.Contains(measurement.Tag("substra.function.name"));

    private static List<string?> Statuses(IEnumerable<MetricCollector.Measurement> measurements, string functionName) =>
        measurements.Where(m => Named(m, functionName)).Select(m => m.Tag("substra.task.status")).Order().ToList();

    /// <summary>The SDK's measurements, with a plain <see cref="MeterListener"/>.</summary>
    private sealed class MetricCollector : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<Measurement> _measurements = new();
        private readonly ConcurrentDictionary<string, string?> _units = new();

        public MetricCollector()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ActivityCollector.SdkSource)
                {
                    _units[instrument.Name] = instrument.Unit;
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        public IReadOnlyList<Measurement> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument).ToList();

        public string? Unit(string instrument) => _units.GetValueOrDefault(instrument);

        public async Task WaitForAsync(Func<IReadOnlyList<Measurement>, bool> condition)
        {
            var waited = Stopwatch.StartNew();
            while (!condition(_measurements.ToArray()))
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"measurements so far: {_measurements.Count}");
                await Task.Delay(10);
            }
        }

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value?.ToString())));

        public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
        {
            public string? Tag(string name) => Tags.GetValueOrDefault(name);
        }
    }
}

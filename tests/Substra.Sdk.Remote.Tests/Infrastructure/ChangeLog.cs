using System.Diagnostics;
using Substra.Sdk.Backends;

namespace Substra.Sdk.Remote.Tests.Infrastructure;

/// <summary>The task state changes a client reported, from any thread, and a bounded wait for the ones a test expects.</summary>
public sealed class ChangeLog : IProgress<TaskStateChange>
{
    private readonly Lock _gate = new();
    private readonly List<TaskStateChange> _changes = [];

    public IReadOnlyList<TaskStateChange> All
    {
        get
        {
            lock (_gate)
            {
                return _changes.ToList();
            }
        }
    }

    public void Report(TaskStateChange value)
    {
        lock (_gate)
        {
            _changes.Add(value);
        }
    }

    /// <summary>Waits (30 s at most) until <paramref name="condition"/> holds on the changes so far.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<TaskStateChange>, bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition(All))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30),
                $"Still waiting for {what}; changes: {string.Join(", ", All.Select(c => $"{c.TaskKey[..8]}:{c.Status}"))}");
            await Task.Delay(10);
        }
    }
}

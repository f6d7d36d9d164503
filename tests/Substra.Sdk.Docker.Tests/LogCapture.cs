using System.Text;

namespace Substra.Sdk.Docker.Tests;

/// <summary>The task's log writer: collects lines and lets a test wait for one.</summary>
public sealed class LogCapture : TextWriter
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _partial = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get { lock (_lock) return [.. _lines]; }
    }

    public string Text => string.Join('\n', Lines);

    public override void Write(char value)
    {
        lock (_lock)
        {
            if (value == '\n') AddLine();
            else if (value != '\r') _partial.Append(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_lock)
        {
            _partial.Append(value);
            AddLine();
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public Task WaitForAsync(string text)
    {
        lock (_lock)
        {
            if (_lines.Any(line => line.Contains(text, StringComparison.Ordinal))) return Task.CompletedTask;
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, seen));
            return seen.Task;
        }
    }

    private void AddLine()
    {
        var line = _partial.ToString();
        _partial.Clear();
        _lines.Add(line);
        foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
        {
            waiter.Seen.TrySetResult();
            _waiters.Remove(waiter);
        }
    }
}

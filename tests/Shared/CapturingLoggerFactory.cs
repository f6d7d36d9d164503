using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Substra.Tests.Shared;

/// <summary>Keeps every log line (all levels, formatted) so tests can assert on them, e.g. that no secret leaks.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();

    public IReadOnlyList<CapturedLog> Logs => _logs.ToArray();

    public string AllText => string.Join('\n', Logs.Select(l => l.ToString()));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._logs.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), exception));
    }
}

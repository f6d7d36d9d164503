using Microsoft.Extensions.Logging;

namespace Substra.Tools.Logging;

/// <summary>Feeds <see cref="ILogger"/> records to the task's <see cref="TaskLog"/>.</summary>
internal sealed class TaskLoggerProvider(TaskLog log) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TaskLogger(log, categoryName);

    public void Dispose()
    {
    }

    private sealed class TaskLogger(TaskLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => log.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (log.IsEnabled(logLevel))
            {
                log.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}

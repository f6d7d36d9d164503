using Microsoft.Extensions.Logging;

namespace Substra.Sdk.Local.Bench;

/// <summary>Keeps the local backend's last "tasks registered" message: its per-phase times go next to the bench's figures.</summary>
internal sealed class RegistrationPhases : ILoggerFactory, ILogger
{
    public string? Last { get; private set; }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        var phases = message.IndexOf("tasks registered (", StringComparison.Ordinal);
        if (phases >= 0)
        {
            Last = message[(phases + "tasks registered ".Length)..].TrimEnd('.');
        }
    }
}

using Microsoft.Extensions.Logging;

namespace Substra.Tools.Logging;

/// <summary>
/// The task's <see cref="ILoggerFactory"/>: every logger writes to the <see cref="TaskLog"/>. Lighter than
/// <see cref="LoggerFactory"/> (no options or filter machinery to load at start-up); providers added later are ignored,
/// since a task logs only to stderr and <c>--log-path</c>.
/// </summary>
internal sealed class TaskLoggerFactory(TaskLog log) : ILoggerFactory
{
    private readonly TaskLoggerProvider _provider = new(log);

    public ILogger CreateLogger(string categoryName) => _provider.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}

using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Substra.Tools.Logging;

/// <summary>
/// Where a task logs: stderr, and the <c>--log-path</c> file when given, at the requested level. Stderr lines stay one line
/// per record (an exception adds only its one-line summary, or its stack at debug level); the file gets full exceptions.
/// </summary>
internal sealed class TaskLog(TextWriter standardError) : IDisposable
{
    private readonly Lock _writeLock = new();
    private StreamWriter? _file;

    public LogLevel MinimumLevel { get; set; } = LogLevel.Information;

    public bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= MinimumLevel;

    /// <summary>Appends to the file (creating its folder), as Python's logging.FileHandler does.</summary>
    public void OpenFile(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public void Write(string category, LogLevel level, string message, Exception? exception)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var line = Format(category, level, message);
        lock (_writeLock)
        {
            if (exception is null)
            {
                standardError.WriteLine(line);
            }
            else if (MinimumLevel <= LogLevel.Debug)
            {
                standardError.WriteLine(line + Environment.NewLine + exception);
            }
            else
            {
                standardError.WriteLine(line + " (" + OneLine(exception.GetType().Name + ": " + exception.Message) + ")");
            }

            _file?.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
        }
    }

    /// <summary>A line another process printed (the Python opener's output and tracebacks): as it is, whatever the level.</summary>
    public void WriteRaw(string line)
    {
        lock (_writeLock)
        {
            standardError.WriteLine(line);
            _file?.WriteLine(line);
        }
    }

    /// <summary>The reason a task failed: one line on stderr whatever the level, and the full exception in the file.</summary>
    public void WriteFailure(string reason, Exception? exception)
    {
        lock (_writeLock)
        {
            standardError.WriteLine("error: " + OneLine(reason));
            standardError.Flush();
            if (_file is not null)
            {
                var line = Format("substratools", LogLevel.Critical, reason);
                _file.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
            }
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    internal static string OneLine(string text) => text.TrimEnd('\r', '\n').ReplaceLineEndings(" ");

    private static string Format(string category, LogLevel level, string message)
        => string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss,fff} - {category} - {LevelName(level)} - {message}");

    /// <summary>Python's logging level names.</summary>
    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        _ => "CRITICAL",
    };
}

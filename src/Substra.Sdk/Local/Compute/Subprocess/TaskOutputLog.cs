namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// The task's stdout and stderr lines to its log writer, one line at a time. Once closed it drops late lines: a reader
/// given up on must not write to a log its owner is closing.
/// </summary>
internal sealed class TaskOutputLog(TextWriter writer)
{
    private readonly Lock _gate = new();
    private bool _closed;

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                writer.WriteLine(line);
            }
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    /// <summary>Copies the lines of <paramref name="reader"/> until its end, or until <paramref name="stop"/>.</summary>
    public async Task PumpAsync(StreamReader reader, CancellationToken stop)
    {
        try
        {
            while (await reader.ReadLineAsync(stop).ConfigureAwait(false) is { } line)
            {
                WriteLine(line);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Given up on (a process that escaped the kill holds the pipe), or the pipe broke.
        }
    }
}

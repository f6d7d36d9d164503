namespace Substra.Samples.FedAvg;

/// <summary>
/// A one-line progress bar redrawn in place (<c>\r</c>) on a terminal; on a redirected output it prints a line only when
/// the counts change, so logs stay readable.
/// </summary>
public sealed class ConsoleProgressBar(TextWriter output, bool interactive)
{
    private const int Width = 30;
    private readonly Lock gate = new();
    private string last = string.Empty;

    public void Report(int done, int failed, int total, string? current = null)
    {
        lock (gate)
        {
            int filled = total == 0 ? Width : (int)Math.Round((double)(done + failed) * Width / total);
            string line = $"[{new string('#', filled)}{new string('-', Width - filled)}] {done}/{total} tasks done" + (failed > 0 ? $", {failed} failed" : string.Empty);
            if (line == last)
            {
                return;
            }

            last = line;
            if (interactive)
            {
                string suffix = current is null ? string.Empty : $"  {current}";
                // ESC[K clears what a longer previous line left behind.
                output.Write($"\r{line}{suffix}\u001b[K");
            }
            else
            {
                output.WriteLine(line);
            }
        }
    }

    public void Complete()
    {
        lock (gate)
        {
            if (interactive)
            {
                output.WriteLine();
            }
        }
    }
}

using System.Text;
using Substra.Sdk.Failures;

namespace Substra.Sdk.Tests;

/// <summary>The end of a log in failure messages: bounded in memory, its last lines only, safe to print.</summary>
public sealed class LogTailTests
{
    [Fact]
    public async Task A_long_log_keeps_only_its_last_bytes_without_a_partial_first_line()
    {
        var lines = Enumerable.Range(0, 200_000).Select(i => $"line {i}");
        using var log = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

        var tail = await LogTail.ReadAsync(log, 1024, CancellationToken.None);

        Assert.True(Encoding.UTF8.GetByteCount(tail) <= 1024);
        Assert.EndsWith("line 199999\n", tail);
        Assert.StartsWith("line ", tail);
        Assert.Equal(
            string.Join('\n', Enumerable.Range(199_980, 20).Select(i => $"line {i}")),
            LogTail.LastLines(tail));
    }

    [Fact]
    public async Task A_log_file_tail_is_read_from_its_end()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, new string('x', 10_000) + "\nfirst\nlast\n");

            var tail = await LogTail.ReadFileAsync(path, 100, CancellationToken.None);

            Assert.Equal("first\nlast\n", tail);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Escape_sequences_are_shown_not_played_and_long_lines_are_cut()
    {
        var text = "\u001b[2J\u001b[31mred\u0007\r\n" + new string('y', 1000) + "\n\n  \n";

        var lines = LogTail.LastLines(text)!.Split('\n');

        Assert.Equal("\\x1B[2J\\x1B[31mred\\x07", lines[0]);
        Assert.Equal(new string('y', LogTail.MaxLineLength) + "…", lines[1]);
        Assert.Equal(2, lines.Length);
        Assert.Null(LogTail.LastLines("\n \n"));
    }
}

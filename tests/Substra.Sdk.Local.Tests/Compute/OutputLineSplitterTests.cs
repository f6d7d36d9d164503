using System.Text;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Compute.Subprocess.Launch;

namespace Substra.Sdk.Local.Tests.Compute;

/// <summary>How the native launcher cuts a task's output into log lines (the same lines StreamReader.ReadLine gives).</summary>
public sealed class OutputLineSplitterTests
{
    [Fact]
    public void Lines_end_at_newlines_a_carriage_return_before_one_is_dropped_and_the_last_line_needs_no_end()
    {
        var lines = Split("first\r\nsecond\n\nlast");

        Assert.Equal(["first", "second", "", "last"], lines);
    }

    [Fact]
    public void A_character_split_between_two_reads_is_decoded_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("année 2026 ✓\n");
        var cut = Array.IndexOf(bytes, (byte)0xC3) + 1; // inside "é"

        var lines = Split(bytes[..cut], bytes[cut..]);

        Assert.Equal(["année 2026 ✓"], lines);
    }

    [Fact]
    public void Output_without_newlines_is_cut_every_mebibyte_instead_of_buffered_without_end()
    {
        var chunk = Encoding.ASCII.GetBytes(new string('x', 300_000));
        var chunks = Enumerable.Repeat(chunk, 8).Append(Encoding.ASCII.GetBytes("y\n")).ToArray();

        var lines = Split(chunks);

        Assert.Equal([OutputLineSplitter.MaxLineBytes, OutputLineSplitter.MaxLineBytes, (8 * 300_000) - (2 * OutputLineSplitter.MaxLineBytes) + 1],
            lines.Select(line => line.Length));
        Assert.EndsWith("xy", lines[^1], StringComparison.Ordinal);
    }

    private static List<string> Split(string text) => Split(Encoding.UTF8.GetBytes(text));

    private static List<string> Split(params byte[][] chunks)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var log = new TaskOutputLog(writer);
        var splitter = new OutputLineSplitter();
        foreach (var chunk in chunks)
        {
            splitter.Append(chunk, log);
        }

        splitter.Finish(log);
        var text = writer.ToString();
        return [.. text[..^1].Split('\n')];
    }
}

using System.Text;

namespace Substra.Sdk.Failures;

/// <summary>
/// The end of a log: the last bytes of a stream or file kept in a bounded buffer, then its last lines, made safe to
/// print (a task's log is anything its function wrote, terminal escape sequences included).
/// </summary>
internal static class LogTail
{
    public const int MaxBytes = 64 * 1024;
    public const int MaxLines = 20;
    public const int MaxLineLength = 300;

    /// <summary>The last <paramref name="maxBytes"/> bytes of <paramref name="stream"/>, read to its end in fixed-size chunks.</summary>
    public static async Task<string> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var window = new byte[maxBytes * 2];
        var length = 0;
        var truncated = false;
        while (true)
        {
            if (length == window.Length)
            {
                // Keep the newest half: the window never holds more than twice the tail.
                Buffer.BlockCopy(window, maxBytes, window, 0, maxBytes);
                length = maxBytes;
                truncated = true;
            }

            var read = await stream.ReadAsync(window.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var start = Math.Max(0, length - maxBytes);
        return Decode(window.AsSpan(start, length - start), truncated || start > 0);
    }

    /// <summary>The last <paramref name="maxBytes"/> bytes of the file at <paramref name="path"/>.</summary>
    public static async Task<string> ReadFileAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
        await using var fileDisposal = file.ConfigureAwait(false);
        var start = Math.Max(0, file.Length - maxBytes);
        file.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[(int)(file.Length - start)];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await file.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return Decode(buffer.AsSpan(0, length), start > 0);
    }

    /// <summary>
    /// The last <see cref="MaxLines"/> non-empty lines of <paramref name="text"/>, each cut at <see cref="MaxLineLength"/>
    /// characters, control characters shown as escapes; null when there is none.
    /// </summary>
    public static string? LastLines(string text)
    {
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var line in lines.Skip(Math.Max(0, lines.Count - MaxLines)))
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append(Printable(line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line));
        }

        return builder.ToString();
    }

    // A tail that starts inside the log drops its first, partial line.
    private static string Decode(ReadOnlySpan<byte> bytes, bool startsInside)
    {
        var text = Encoding.UTF8.GetString(bytes);
        if (startsInside && text.IndexOf('\n') is var newline and >= 0)
        {
            text = text[(newline + 1)..];
        }

        return text;
    }

    private static string Printable(string line)
    {
        if (!line.Any(IsUnprintable))
        {
            return line;
        }

        var builder = new StringBuilder(line.Length + 16);
        foreach (var character in line)
        {
            if (IsUnprintable(character))
            {
                builder.Append("\\x").Append(((int)character).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    private static bool IsUnprintable(char character) => character != '\t' && char.IsControl(character);
}

using System.Text;

namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>
/// Cuts the bytes of one output pipe into lines for the task's log, as <see cref="StreamReader.ReadLine()"/> would: a
/// line ends at <c>\n</c> (a <c>\r</c> before it is dropped), and the last line needs no end. A line is decoded only once
/// whole, so a character split across two reads stays intact. A process that never writes a newline gets its output cut
/// every <see cref="MaxLineBytes"/> instead of growing this buffer without end.
/// </summary>
internal sealed class OutputLineSplitter
{
    public const int MaxLineBytes = 1 << 20;

    private byte[] _pending = new byte[256];
    private int _length;

    public void Append(ReadOnlySpan<byte> chunk, TaskOutputLog log)
    {
        while (true)
        {
            var end = chunk.IndexOf((byte)'\n');
            if (end < 0)
            {
                break;
            }

            if (_length == 0)
            {
                Write(chunk[..end], log);
            }
            else
            {
                Keep(chunk[..end], log);
                Write(_pending.AsSpan(0, _length), log);
                _length = 0;
            }

            chunk = chunk[(end + 1)..];
        }

        Keep(chunk, log);
    }

    /// <summary>The last line, when the output did not end with a newline.</summary>
    public void Finish(TaskOutputLog log)
    {
        if (_length > 0)
        {
            Write(_pending.AsSpan(0, _length), log);
            _length = 0;
        }
    }

    private void Keep(ReadOnlySpan<byte> bytes, TaskOutputLog log)
    {
        while (_length + bytes.Length > MaxLineBytes)
        {
            var room = MaxLineBytes - _length;
            Grow(MaxLineBytes);
            bytes[..room].CopyTo(_pending.AsSpan(_length));
            Write(_pending.AsSpan(0, MaxLineBytes), log);
            _length = 0;
            bytes = bytes[room..];
        }

        Grow(_length + bytes.Length);
        bytes.CopyTo(_pending.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Grow(int size)
    {
        if (size > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Min(MaxLineBytes, Math.Max(size, _pending.Length * 2)));
        }
    }

    private static void Write(ReadOnlySpan<byte> line, TaskOutputLog log)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        log.WriteLine(Encoding.UTF8.GetString(line));
    }
}

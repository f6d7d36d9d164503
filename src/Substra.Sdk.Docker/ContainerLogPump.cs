using System.Text;
using Docker.DotNet;

namespace Substra.Sdk.Docker;

/// <summary>Copies a container's stdout and stderr to the task's log writer, line by line, until the container ends.</summary>
internal static class ContainerLogPump
{
    public static async Task CopyLinesAsync(MultiplexedStream stream, TextWriter writer, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var stdout = new LineSplitter(writer);
        var stderr = new LineSplitter(writer);
        while (true)
        {
            var result = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            if (result.EOF) break;
            var splitter = result.Target == MultiplexedStream.TargetStream.StandardError ? stderr : stdout;
            await splitter.PushAsync(buffer.AsMemory(0, result.Count)).ConfigureAwait(false);
        }

        await stdout.FlushAsync().ConfigureAwait(false);
        await stderr.FlushAsync().ConfigureAwait(false);
    }

    private sealed class LineSplitter(TextWriter writer)
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private readonly StringBuilder _line = new();
        private char[] _chars = new char[1024];

        public async Task PushAsync(ReadOnlyMemory<byte> bytes)
        {
            var needed = _decoder.GetCharCount(bytes.Span, flush: false);
            if (_chars.Length < needed) _chars = new char[needed];
            var count = _decoder.GetChars(bytes.Span, _chars, flush: false);
            for (var i = 0; i < count; i++)
            {
                var c = _chars[i];
                if (c == '\n')
                {
                    await writer.WriteLineAsync(_line.ToString().TrimEnd('\r')).ConfigureAwait(false);
                    _line.Clear();
                }
                else
                {
                    _line.Append(c);
                }
            }
        }

        public async Task FlushAsync()
        {
            if (_line.Length > 0)
            {
                await writer.WriteLineAsync(_line.ToString().TrimEnd('\r')).ConfigureAwait(false);
                _line.Clear();
            }

            await writer.FlushAsync().ConfigureAwait(false);
        }
    }
}

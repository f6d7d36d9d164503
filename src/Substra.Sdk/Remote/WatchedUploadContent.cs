using System.Net;

namespace Substra.Sdk.Remote;

/// <summary>
/// A request body that tells its sender how the upload goes: <c>progressed</c> after every chunk written to the
/// connection, <c>sent</c> once the whole body is. An upload of files is bounded by how long it stalls, not by how long
/// it takes; the per-try limit then counts from the end of the body.
/// </summary>
internal sealed class WatchedUploadContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly Action _progressed;
    private readonly Action _sent;

    public WatchedUploadContent(HttpContent inner, Action progressed, Action sent)
    {
        _inner = inner;
        _progressed = progressed;
        _sent = sent;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _progressed();
        await _inner.CopyToAsync(new ProgressStream(stream, _progressed), context, cancellationToken).ConfigureAwait(false);
        _sent();
    }

    protected override bool TryComputeLength(out long length)
    {
        var known = _inner.Headers.ContentLength;
        length = known ?? 0;
        return known is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Writes through to the connection (which it does not own) and reports each chunk.
    private sealed class ProgressStream(Stream connection, Action progressed) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException("An upload has no length to read.");

        public override long Position
        {
            get => throw new NotSupportedException("An upload cannot seek.");
            set => throw new NotSupportedException("An upload cannot seek.");
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await connection.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            progressed();
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            connection.Write(buffer, offset, count);
            progressed();
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => connection.FlushAsync(cancellationToken);

        public override void Flush() => connection.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("An upload is written, not read.");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("An upload cannot seek.");

        public override void SetLength(long value) => throw new NotSupportedException("An upload cannot change its length.");
    }
}

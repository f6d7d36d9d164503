namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>
/// A read-only stream that reports every read (bytes read, bytes so far) to a check that may throw to stop it.
/// <paramref name="leaveOpen"/> keeps the inner stream open, as a tar reader needs its entries' streams.
/// </summary>
internal sealed class MeteredReadStream(Stream inner, Action<int, long> onRead, bool leaveOpen = false) : Stream
{
    /// <summary>A view of <paramref name="inner"/> that can be disposed without closing it.</summary>
    public static MeteredReadStream View(Stream inner) => new(inner, static (_, _) => { }, leaveOpen: true);

    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!leaveOpen)
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Count(int read)
    {
        if (read > 0)
        {
            _read += read;
            onRead(read, _read);
        }

        return read;
    }
}

namespace Substra.Sdk.Remote.Tests.Platform;

/// <summary>Large deterministic file contents produced on the fly, so the server never holds them in memory.</summary>
public static class GeneratedContent
{
    public static byte ByteAt(long offset) => (byte)((offset * 31 + 7) % 251);

    public static async Task WriteAsync(Stream destination, long length, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long offset = 0;
        while (offset < length)
        {
            var count = (int)Math.Min(buffer.Length, length - offset);
            for (var i = 0; i < count; i++)
            {
                buffer[i] = ByteAt(offset + i);
            }
            await destination.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
            offset += count;
        }
    }
}

using System.Buffers;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// Reads a small <c>/proc</c> file with libc <c>open</c>/<c>read</c>, failures as return values: a scan of every process
/// meets files that cannot be read on each pass (every kernel thread's <c>environ</c> answers ESRCH, init's EACCES),
/// and an exception for each costs more than the read.
/// </summary>
internal static class ProcFile
{
    /// <summary>Reads <paramref name="path"/> whole into <paramref name="buffer"/> (a pooled array, grown as needed); 0 when it cannot be read.</summary>
    public static int ReadAll(string path, ref byte[] buffer)
    {
        var fd = Libc.open(path, Libc.CloseOnExec); // O_RDONLY is 0
        if (fd < 0)
        {
            return 0;
        }

        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var count = (int)Libc.read(fd, ref buffer[length], buffer.Length - length);
                if (count < 0)
                {
                    return 0;
                }

                if (count == 0)
                {
                    return length;
                }

                length += count;
            }
        }
        finally
        {
            _ = Libc.close(fd);
        }
    }
}

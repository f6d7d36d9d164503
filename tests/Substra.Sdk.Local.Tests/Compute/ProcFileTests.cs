using System.Buffers;
using System.Text;
using Substra.Sdk.Local.Compute.Subprocess;

namespace Substra.Sdk.Local.Tests.Compute;

/// <summary>The reaper's reads of /proc files: whole files, a grown buffer, and 0 (never an exception) for what cannot be read.</summary>
public sealed class ProcFileTests
{
    [Fact]
    public void Every_process_environment_is_read_or_refused_without_an_exception_and_this_one_is_read_whole()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16);
        try
        {
            // Kernel threads answer ESRCH and init EACCES to a read of environ: 0, on every pass of a scan.
            var unreadable = 0;
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), out var pid) && ProcFile.ReadAll($"/proc/{pid}/environ", ref buffer) == 0)
                {
                    unreadable++;
                }
            }

            Assert.Equal(0, ProcFile.ReadAll("/proc/" + int.MaxValue + "/environ", ref buffer));
            var self = Encoding.UTF8.GetString(buffer, 0, ProcFile.ReadAll("/proc/self/environ", ref buffer));
            Assert.Contains("PATH=", self);
            Assert.True(buffer.Length > 16, "the 16-byte buffer was not grown to hold the environment");
            Assert.True(unreadable < Directory.EnumerateDirectories("/proc").Count(), "no process environment could be read");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [Fact]
    public void A_file_larger_than_the_buffer_is_read_whole()
    {
        var path = Path.Combine(Path.GetTempPath(), "substra-proc-file-" + Guid.NewGuid().ToString("N"));
        var content = Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)).ToArray();
        File.WriteAllBytes(path, content);
        var buffer = ArrayPool<byte>.Shared.Rent(16);
        try
        {
            var length = ProcFile.ReadAll(path, ref buffer);

            Assert.Equal(content, buffer[..length]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            File.Delete(path);
        }
    }
}

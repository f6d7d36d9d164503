using System.Formats.Tar;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Archives;

namespace Substra.Sdk.Docker;

/// <summary>
/// Turns a function archive (zip, or tar plain or gzip) into the plain tar the engine reads as a build context. Every
/// entry goes through the same rules and <see cref="ArchiveLimits"/> as the subprocess extractor, counted on the bytes
/// actually read; contents are streamed one buffer at a time into a temporary file, never held whole in memory.
/// </summary>
internal static class BuildContext
{
    public static async Task<Stream> OpenAsync(string archivePath, ArchiveLimits limits, CancellationToken cancellationToken)
    {
        if (!File.Exists(archivePath))
        {
            throw new BuildException($"The function archive '{archivePath}' does not exist.");
        }

        // A temp file keeps memory flat for large published apps; it goes away when the engine has read it.
        var tarPath = Path.Combine(Path.GetTempPath(), $"substra-context-{Guid.NewGuid():N}.tar");
        var tar = new FileStream(tarPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        try
        {
            await Task.Run(() => Write(archivePath, limits, tar, cancellationToken), cancellationToken).ConfigureAwait(false);
            tar.Position = 0;
            return tar;
        }
        catch (Exception e) when (e is UnsafeArchiveException or InvalidDataException or NotSupportedException)
        {
            await tar.DisposeAsync().ConfigureAwait(false);
            throw new BuildException(e.Message, inner: e);
        }
        catch
        {
            await tar.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void Write(string archivePath, ArchiveLimits limits, Stream output, CancellationToken cancellationToken)
    {
        // GNU, not PAX: the PAX writer buffers an unseekable entry in memory to learn its size; GNU writes it through
        // and patches the size into the header (long names still get GNU long-name entries).
        using var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        ArchiveWalker.Walk(archivePath, limits, SizeCheck.Metered, item =>
        {
            var entry = new GnuTarEntry(item.IsDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, item.Path)
            {
                Mode = (UnixFileMode)(item.UnixPermissions != 0 ? item.UnixPermissions : item.IsDirectory ? 0b111_101_101 : 0b110_100_100),
                ModificationTime = item.ModificationTime,
            };
            if (item.IsDirectory)
            {
                writer.WriteEntry(entry);
                return;
            }

            using var content = item.OpenContent();
            entry.DataStream = content;
            writer.WriteEntry(entry);
        }, cancellationToken);
    }
}

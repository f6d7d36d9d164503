using System.Formats.Tar;
using System.IO.Compression;
using Substra.Sdk.Local.Compute;

namespace Substra.Sdk.Local.Docker;

/// <summary>
/// Turns a function archive into a build context for the engine. Tar archives (plain, gzip, bzip2, xz) are what the
/// engine reads natively, so they are streamed as they are; a zip is rewritten as a tar with the same tree.
/// </summary>
internal static class BuildContext
{
    public static async Task<Stream> OpenAsync(string archivePath, CancellationToken cancellationToken)
    {
        if (!File.Exists(archivePath))
        {
            throw new BuildException($"The function archive '{archivePath}' does not exist.");
        }

        var header = new byte[512];
        int read;
        await using (var probe = File.OpenRead(archivePath))
        {
            read = await probe.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        }

        return Detect(header.AsSpan(0, read)) switch
        {
            ArchiveKind.Zip => await ZipToTarAsync(archivePath, cancellationToken),
            ArchiveKind.NativeTar => File.OpenRead(archivePath),
            _ => throw new BuildException(
                $"The function archive '{archivePath}' is neither a zip nor a tar (plain, gzip, bzip2 or xz): " +
                "package the function folder, with its Dockerfile at the root, as a .zip or .tar.gz."),
        };
    }

    private static ArchiveKind Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith("PK\u0003\u0004"u8) || header.StartsWith("PK\u0005\u0006"u8)) return ArchiveKind.Zip;
        if (header.StartsWith(new byte[] { 0x1f, 0x8b })) return ArchiveKind.NativeTar;
        if (header.StartsWith("BZh"u8)) return ArchiveKind.NativeTar;
        if (header.StartsWith(new byte[] { 0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00 })) return ArchiveKind.NativeTar;
        if (header.Length >= 262 && header.Slice(257, 5).SequenceEqual("ustar"u8)) return ArchiveKind.NativeTar;
        return ArchiveKind.Unknown;
    }

    private static async Task<Stream> ZipToTarAsync(string archivePath, CancellationToken cancellationToken)
    {
        // A temp file keeps memory flat for large published apps; it goes away when the engine has read it.
        var tarPath = Path.Combine(Path.GetTempPath(), $"substra-context-{Guid.NewGuid():N}.tar");
        var tar = new FileStream(tarPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using (var zip = ZipFile.OpenRead(archivePath))
            await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            {
                foreach (var entry in zip.Entries)
                {
                    var name = entry.FullName.Replace('\\', '/');
                    var isDirectory = name.EndsWith('/');
                    var unixMode = (entry.ExternalAttributes >> 16) & 0xFFF;
                    var tarEntry = new PaxTarEntry(isDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, name)
                    {
                        Mode = (UnixFileMode)(unixMode != 0 ? unixMode : isDirectory ? 0b111_101_101 : 0b110_100_100),
                        ModificationTime = entry.LastWriteTime,
                    };
                    if (!isDirectory)
                    {
                        await using var content = entry.Open();
                        var buffer = new MemoryStream();
                        await content.CopyToAsync(buffer, cancellationToken);
                        buffer.Position = 0;
                        tarEntry.DataStream = buffer;
                    }

                    await writer.WriteEntryAsync(tarEntry, cancellationToken);
                }
            }

            tar.Position = 0;
            return tar;
        }
        catch (InvalidDataException e)
        {
            await tar.DisposeAsync();
            throw new BuildException($"The function archive '{archivePath}' is not a valid zip: {e.Message}", inner: e);
        }
        catch
        {
            await tar.DisposeAsync();
            throw;
        }
    }

    private enum ArchiveKind
    {
        Unknown,
        Zip,
        NativeTar,
    }
}

namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>Detects an archive's format by its magic bytes: the platform names every archive <c>function.tar.gz</c>, whatever it is.</summary>
internal static class ArchiveFormatDetector
{
    private const int TarMagicOffset = 257;

    public static ArchiveFormat Detect(string path)
    {
        Span<byte> header = stackalloc byte[512];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        return Detect(header[..read]);
    }

    public static ArchiveFormat Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith("PK\u0003\u0004"u8) || header.StartsWith("PK\u0005\u0006"u8))
        {
            return ArchiveFormat.Zip;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return ArchiveFormat.TarGzip;
        }

        if (header.StartsWith("BZh"u8))
        {
            return ArchiveFormat.TarBzip2;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00]))
        {
            return ArchiveFormat.TarXz;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]))
        {
            return ArchiveFormat.TarZstandard;
        }

        if (header.Length >= TarMagicOffset + 5 && header.Slice(TarMagicOffset, 5).SequenceEqual("ustar"u8))
        {
            return ArchiveFormat.Tar;
        }

        return ArchiveFormat.Unknown;
    }

    /// <summary>The refusal of a tar compressed with something .NET cannot read: its entries could not be checked.</summary>
    public static NotSupportedException UnsupportedCompression(string archivePath, ArchiveFormat format) =>
        new($"Cannot uncompress '{archivePath}': it is a tar compressed with {Describe(format)}, which the local backend does not support. " +
            "Repack the function as a .zip or a .tar.gz archive.");

    /// <summary>The refusal of a file that is no archive at all.</summary>
    public static InvalidDataException NotAnArchive(string archivePath) =>
        new($"Cannot uncompress '{archivePath}': it is neither a zip nor a tar archive. " +
            "A function archive must be a .zip or a .tar(.gz) holding the Dockerfile at its root.");

    private static string Describe(ArchiveFormat format) => format switch
    {
        ArchiveFormat.TarBzip2 => "bzip2",
        ArchiveFormat.TarXz => "xz",
        ArchiveFormat.TarZstandard => "zstandard",
        _ => format.ToString(),
    };
}

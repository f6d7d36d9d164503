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
}

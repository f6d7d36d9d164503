using System.Buffers.Binary;
using System.IO.Compression;

namespace Substra.Build.Archives;

/// <summary>
/// Zips whose bytes depend only on the entries: sorted names, fixed timestamps, permissions and "made by" system, whatever
/// the machine that writes them. The Docker backend keys images on the archive's sha256, so the same inputs must give
/// the same archive.
/// </summary>
internal static class DeterministicZip
{
    /// <summary>1980-01-01, the earliest time a zip header can hold.</summary>
    public static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Unix mode 0100644 (regular file, rw-r--r--) in the high 16 bits of the external attributes.
    private const int RegularFileAttributes = unchecked((int)(0x81A4u << 16));

    // Unix mode 0100755 (regular file, rwxr-xr-x): extraction that keeps modes (Docker build contexts, the local
    // backends) gets a runnable native entry point.
    private const int ExecutableFileAttributes = unchecked((int)(0x81EDu << 16));

    // The "version made by" system that gives those attributes their Unix meaning (APPNOTE 4.4.2).
    private const byte UnixSystem = 3;

    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const uint Zip64EndOfCentralDirectoryLocatorSignature = 0x07064b50;
    private const uint Zip64EndOfCentralDirectorySignature = 0x06064b50;
    private const uint CentralDirectoryHeaderSignature = 0x02014b50;
    private const int EndOfCentralDirectoryLength = 22;
    private const int Zip64LocatorLength = 20;
    private const int CentralDirectoryHeaderLength = 46;

    public static byte[] Create(IEnumerable<ArchiveEntry> entries)
    {
        var sorted = entries.OrderBy(entry => entry.Path, StringComparer.Ordinal).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Path == sorted[i - 1].Path)
            {
                throw new InvalidOperationException($"The archive would contain '{sorted[i].Path}' twice.");
            }
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in sorted)
            {
                var zipEntry = zip.CreateEntry(entry.Path, CompressionLevel.Optimal);
                zipEntry.LastWriteTime = FixedTimestamp;
                zipEntry.ExternalAttributes = entry.Executable ? ExecutableFileAttributes : RegularFileAttributes;
                using var stream = zipEntry.Open();
                stream.Write(entry.Content);
            }
        }

        var archive = buffer.ToArray();
        MarkMadeByUnix(archive);
        return archive;
    }

    /// <summary>
    /// Sets the system byte of every central directory header to Unix. ZipArchive writes the current one (0 on Windows,
    /// 3 elsewhere), which would make the archive, and the image tag derived from it, depend on the build machine.
    /// </summary>
    internal static void MarkMadeByUnix(byte[] archive)
    {
        var span = archive.AsSpan();
        // ZipArchive writes no archive comment, so the end record is the last 22 bytes.
        var end = span.Length - EndOfCentralDirectoryLength;
        Require(end >= 0 && BinaryPrimitives.ReadUInt32LittleEndian(span[end..]) == EndOfCentralDirectorySignature, "no end of central directory record");
        long count = BinaryPrimitives.ReadUInt16LittleEndian(span[(end + 10)..]);
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(span[(end + 16)..]);

        // More than 65535 entries: the real values are in the zip64 end record, found through its locator.
        var locator = end - Zip64LocatorLength;
        if (locator >= 0 && BinaryPrimitives.ReadUInt32LittleEndian(span[locator..]) == Zip64EndOfCentralDirectoryLocatorSignature)
        {
            var zip64End = checked((int)BinaryPrimitives.ReadInt64LittleEndian(span[(locator + 8)..]));
            Require(BinaryPrimitives.ReadUInt32LittleEndian(span[zip64End..]) == Zip64EndOfCentralDirectorySignature, "no zip64 end of central directory record");
            count = BinaryPrimitives.ReadInt64LittleEndian(span[(zip64End + 32)..]);
            offset = BinaryPrimitives.ReadInt64LittleEndian(span[(zip64End + 48)..]);
        }

        var position = checked((int)offset);
        for (long index = 0; index < count; index++)
        {
            Require(position + CentralDirectoryHeaderLength <= span.Length
                && BinaryPrimitives.ReadUInt32LittleEndian(span[position..]) == CentralDirectoryHeaderSignature, $"central directory header {index} is missing");
            span[position + 5] = UnixSystem;
            position += CentralDirectoryHeaderLength
                + BinaryPrimitives.ReadUInt16LittleEndian(span[(position + 28)..])
                + BinaryPrimitives.ReadUInt16LittleEndian(span[(position + 30)..])
                + BinaryPrimitives.ReadUInt16LittleEndian(span[(position + 32)..]);
        }
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            // Only a change in how System.IO.Compression lays out archives could get here.
            throw new NotSupportedException($"The archive System.IO.Compression wrote has an unexpected layout ({problem}); Substra cannot make it reproducible. Please report this with your .NET SDK version.");
        }
    }
}

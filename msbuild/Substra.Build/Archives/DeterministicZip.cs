using System.IO.Compression;

namespace Substra.Build.Archives;

/// <summary>
/// Zips whose bytes depend only on the entries: sorted names, fixed timestamps and permissions. The Docker backend keys
/// images on the archive's sha256, so the same inputs must give the same archive.
/// </summary>
internal static class DeterministicZip
{
    /// <summary>1980-01-01, the earliest time a zip header can hold.</summary>
    public static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Unix mode 0100644 (regular file, rw-r--r--) in the high 16 bits of the external attributes.
    private const int RegularFileAttributes = unchecked((int)(0x81A4u << 16));

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
                zipEntry.ExternalAttributes = RegularFileAttributes;
                using var stream = zipEntry.Open();
                stream.Write(entry.Content);
            }
        }

        return buffer.ToArray();
    }
}

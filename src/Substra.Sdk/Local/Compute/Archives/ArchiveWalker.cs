using System.Formats.Tar;
using System.IO.Compression;

namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>
/// Reads a function archive (zip, or tar plain or gzip; detected by content) entry by entry, in archive order, and hands
/// every file and folder that passes the safety rules (<see cref="ArchiveTree"/>) and the limits
/// (<see cref="ExpansionBudget"/>) to a visitor. Registration, the subprocess extractor and the docker build context all
/// read archives through it, so they accept and refuse the same ones.
/// </summary>
internal static class ArchiveWalker
{
    public static ArchiveWalk Walk(string archivePath, ArchiveLimits limits, SizeCheck check, Action<ArchiveItem> visit, CancellationToken cancellationToken = default)
    {
        var format = ArchiveFormatDetector.Detect(archivePath);
        switch (format)
        {
            case ArchiveFormat.Zip:
                return WalkZip(archivePath, limits, check, visit, cancellationToken);
            case ArchiveFormat.Tar:
            case ArchiveFormat.TarGzip:
                using (var file = File.OpenRead(archivePath))
                using (var tar = format == ArchiveFormat.TarGzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file)
                {
                    return WalkTar(archivePath, format, tar, new ExpansionBudget(archivePath, limits, file.Length), check, visit, cancellationToken);
                }

            case ArchiveFormat.TarBzip2:
            case ArchiveFormat.TarXz:
            case ArchiveFormat.TarZstandard:
                throw ArchiveFormatDetector.UnsupportedCompression(archivePath, format);
            default:
                throw ArchiveFormatDetector.NotAnArchive(archivePath);
        }
    }

    private static ArchiveWalk WalkZip(string archivePath, ArchiveLimits limits, SizeCheck check, Action<ArchiveItem> visit, CancellationToken cancellationToken)
    {
        using var file = File.OpenRead(archivePath);
        var budget = new ExpansionBudget(archivePath, limits, file.Length);
        var tree = new ArchiveTree(archivePath);
        try
        {
            if (ZipEntryCount.Read(file) is { } declared)
            {
                budget.ExpectEntries(declared);
            }

            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                budget.CountEntry();
                var checkedEntry = ArchiveEntry.From(entry);
                var path = tree.Add(checkedEntry);
                if (path is null)
                {
                    continue;
                }

                var isDirectory = checkedEntry.Kind == ArchiveEntryKind.Directory;
                if (!isDirectory)
                {
                    Count(budget, check, entry.FullName, entry.Length, entry.CompressedLength);
                }

                visit(new ArchiveItem(path, isDirectory, ArchiveEntry.UnixPermissions(entry), entry.LastWriteTime, isDirectory ? 0 : entry.Length,
                    () => check == SizeCheck.Metered ? budget.Meter(entry.Open(), entry.FullName, entry.CompressedLength) : entry.Open()));
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"Cannot uncompress '{archivePath}': it is not a valid zip archive ({e.Message}).", e);
        }

        return new ArchiveWalk(ArchiveFormat.Zip, budget.Entries, budget.ExpandedBytes);
    }

    private static ArchiveWalk WalkTar(string archivePath, ArchiveFormat format, Stream stream, ExpansionBudget budget, SizeCheck check,
        Action<ArchiveItem> visit, CancellationToken cancellationToken)
    {
        var tree = new ArchiveTree(archivePath);
        try
        {
            using var reader = new TarReader(stream);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var checkedEntry = ArchiveEntry.From(entry);
                if (checkedEntry.Kind == ArchiveEntryKind.Metadata)
                {
                    continue;
                }

                budget.CountEntry();
                var path = tree.Add(checkedEntry);
                if (path is null)
                {
                    continue;
                }

                var isDirectory = checkedEntry.Kind == ArchiveEntryKind.Directory;
                if (!isDirectory)
                {
                    Count(budget, check, entry.Name, entry.Length, compressedLength: null);
                }

                visit(new ArchiveItem(path, isDirectory, (int)entry.Mode & 0x1FF, entry.ModificationTime, isDirectory ? 0 : entry.Length, () =>
                {
                    // The reader owns the entry's stream: disposing it would break the next read.
                    var content = entry.DataStream ?? Stream.Null;
                    return check == SizeCheck.Metered
                        ? budget.Meter(content, entry.Name, compressedLength: null, leaveOpen: true)
                        : MeteredReadStream.View(content);
                }));
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new InvalidDataException($"Cannot uncompress '{archivePath}': it is not a valid {(format == ArchiveFormat.TarGzip ? "tar.gz" : "tar")} archive ({e.Message}).", e);
        }

        return new ArchiveWalk(format, budget.Entries, budget.ExpandedBytes);
    }

    private static void Count(ExpansionBudget budget, SizeCheck check, string entryName, long length, long? compressedLength)
    {
        if (check == SizeCheck.Declared)
        {
            budget.AddDeclared(entryName, length, compressedLength);
        }
        else
        {
            budget.Expect(entryName, length, compressedLength);
        }
    }
}

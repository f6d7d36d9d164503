using System.Globalization;

namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>
/// Counts the entries and bytes one archive expands to against its <see cref="ArchiveLimits"/>, and stops at the first
/// limit passed. Declared sizes refuse a bomb before anything is read; metered reads refuse one whose sizes lie.
/// </summary>
internal sealed class ExpansionBudget(string archivePath, ArchiveLimits limits, long archiveBytes)
{
    private const string Raise = "or raise it with ArchiveLimits in the local backend settings (LocalBackendSettings.ArchiveLimits)";

    public long Entries { get; private set; }

    public long ExpandedBytes { get; private set; }

    /// <summary>Refuses an archive that says it holds more entries than allowed, before they are read.</summary>
    public void ExpectEntries(long declared)
    {
        if (declared > limits.MaxEntries)
        {
            throw TooManyEntries(declared.ToString("N0", CultureInfo.InvariantCulture));
        }
    }

    public void CountEntry()
    {
        if (++Entries > limits.MaxEntries)
        {
            throw TooManyEntries($"more than {limits.MaxEntries.ToString("N0", CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>Adds an entry's declared size (registration reads no data).</summary>
    public void AddDeclared(string entryName, long length, long? compressedLength)
    {
        Expect(entryName, length, compressedLength);
        ExpandedBytes += length;
        CheckArchiveRatio();
    }

    /// <summary>Refuses an entry whose declared size alone passes a limit, before it is read.</summary>
    public void Expect(string entryName, long length, long? compressedLength)
    {
        if (length < 0 || length > limits.MaxExpandedBytes - ExpandedBytes)
        {
            throw TooLarge(entryName);
        }

        if (compressedLength is { } compressed)
        {
            CheckEntryRatio(entryName, length, compressed);
        }
    }

    /// <summary>
    /// The entry's content, counted as it is read: past a limit, the read throws. <paramref name="compressedLength"/> is
    /// the entry's own compressed size (zip), or null when entries share one compressed stream (tar.gz).
    /// </summary>
    public Stream Meter(Stream content, string entryName, long? compressedLength, bool leaveOpen = false) =>
        new MeteredReadStream(content, (read, entryBytes) =>
        {
            ExpandedBytes += read;
            if (ExpandedBytes > limits.MaxExpandedBytes)
            {
                throw TooLarge(entryName);
            }

            if (compressedLength is { } compressed)
            {
                CheckEntryRatio(entryName, entryBytes, compressed);
            }

            CheckArchiveRatio();
        }, leaveOpen);

    private void CheckEntryRatio(string entryName, long length, long compressedLength)
    {
        if (length > ArchiveLimits.CompressionRatioExemptBytes && length > limits.MaxCompressionRatio * Math.Max(compressedLength, 1))
        {
            throw TooCompressed($"its entry '{entryName}' expands {Ratio(length, compressedLength)} times its compressed size");
        }
    }

    private void CheckArchiveRatio()
    {
        if (ExpandedBytes > ArchiveLimits.CompressionRatioExemptBytes && ExpandedBytes > limits.MaxCompressionRatio * Math.Max(archiveBytes, 1))
        {
            throw TooCompressed($"it expands to more than {Ratio(ExpandedBytes, archiveBytes)} times its own size");
        }
    }

    private static string Ratio(long expanded, long compressed) =>
        Math.Floor((double)expanded / Math.Max(compressed, 1)).ToString("N0", CultureInfo.InvariantCulture);

    private UnsafeArchiveException TooManyEntries(string count) =>
        new($"The function archive '{archivePath}' holds {count} entries, past the limit of " +
            $"{limits.MaxEntries.ToString("N0", CultureInfo.InvariantCulture)} (ArchiveLimits.MaxEntries). Ship fewer files (install " +
            $"dependencies in the Dockerfile rather than packaging them), {Raise}.");

    private UnsafeArchiveException TooLarge(string entryName) =>
        new($"The function archive '{archivePath}' expands to more than {Size(limits.MaxExpandedBytes)} (ArchiveLimits.MaxExpandedBytes), " +
            $"reached at its entry '{entryName}'. Ship a smaller function, {Raise}.");

    private UnsafeArchiveException TooCompressed(string what) =>
        new($"The function archive '{archivePath}' looks like a decompression bomb: {what}, past the limit of " +
            $"{limits.MaxCompressionRatio.ToString("0.##", CultureInfo.InvariantCulture)} (ArchiveLimits.MaxCompressionRatio). Store such data " +
            $"uncompressed or generate it in the function, {Raise}.");

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        _ => $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes",
    };
}

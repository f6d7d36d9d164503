namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>
/// How far a function archive may expand. Checked on its declared sizes when the function is registered, and on the
/// bytes actually written when a spawner unpacks it (subprocess) or turns it into a build context (docker).
/// </summary>
/// <remarks>
/// The defaults leave room for real functions: a published .NET app is 1–80 MB in a few hundred files, a Python function
/// shipping its wheels a few hundred MB in some 10,000 files; code and binaries deflate 2–10 times, a decompression
/// bomb about 1,000 times (deflate's maximum).
/// </remarks>
public sealed record ArchiveLimits
{
    /// <summary>2 GiB.</summary>
    public const long DefaultMaxExpandedBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>100,000 entries (files and folders).</summary>
    public const int DefaultMaxEntries = 100_000;

    /// <summary>Expanded bytes per compressed byte: 200.</summary>
    public const double DefaultMaxCompressionRatio = 200;

    /// <summary>
    /// The ratio is only checked on an entry, or a whole archive, that expands past this (1 MiB): a small file that
    /// compresses well does no harm.
    /// </summary>
    public const long CompressionRatioExemptBytes = 1024 * 1024;

    /// <summary>The limits used when none are configured.</summary>
    public static ArchiveLimits Default { get; } = new();

    /// <summary>The most bytes all files of the archive may expand to.</summary>
    public long MaxExpandedBytes
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxExpandedBytes), value, "MaxExpandedBytes must be positive.");
    } = DefaultMaxExpandedBytes;

    /// <summary>The most entries (files and folders) the archive may hold.</summary>
    public int MaxEntries
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxEntries), value, "MaxEntries must be positive.");
    } = DefaultMaxEntries;

    /// <summary>
    /// The most an entry (zip) or the whole archive may expand per byte of the archive, once past
    /// <see cref="CompressionRatioExemptBytes"/>.
    /// </summary>
    public double MaxCompressionRatio
    {
        get;
        init => field = value >= 1 && !double.IsNaN(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxCompressionRatio), value, "MaxCompressionRatio must be at least 1.");
    } = DefaultMaxCompressionRatio;
}

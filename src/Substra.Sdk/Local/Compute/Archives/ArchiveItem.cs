namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>A file or folder of an archive that passed the safety rules, with its content to read (files) while it is visited.</summary>
internal sealed class ArchiveItem(string path, bool isDirectory, int unixPermissions, DateTimeOffset modificationTime, long length, Func<Stream> openContent)
{
    /// <summary>The relative path, <c>/</c>-separated, without <c>.</c> or <c>..</c> segments.</summary>
    public string Path { get; } = path;

    public bool IsDirectory { get; } = isDirectory;

    /// <summary>The Unix permission bits the archive gives (0 when it gives none).</summary>
    public int UnixPermissions { get; } = unixPermissions;

    public DateTimeOffset ModificationTime { get; } = modificationTime;

    /// <summary>The size the archive declares for the file.</summary>
    public long Length { get; } = length;

    /// <summary>The file's content; only valid during the visit (a tar is read once, front to back).</summary>
    public Stream OpenContent() => openContent();
}

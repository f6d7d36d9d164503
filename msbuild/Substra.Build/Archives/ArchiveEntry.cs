namespace Substra.Build.Archives;

/// <summary>One file of an archive: its path inside the archive (forward slashes) and its bytes.</summary>
internal sealed record ArchiveEntry(string Path, byte[] Content);

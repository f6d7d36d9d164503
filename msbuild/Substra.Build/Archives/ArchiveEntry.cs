namespace Substra.Build.Archives;

/// <summary>
/// One file of an archive: its path inside the archive (forward slashes), its bytes, and whether it is an executable
/// (mode 0755, e.g. a native function's entry point; every other entry is 0644).
/// </summary>
internal sealed record ArchiveEntry(string Path, byte[] Content, bool Executable = false);

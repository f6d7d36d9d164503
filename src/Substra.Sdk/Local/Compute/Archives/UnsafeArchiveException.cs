namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>
/// An archive entry would escape its folder or alias another file, or the archive expands past its
/// <see cref="ArchiveLimits"/>: nothing of it is used.
/// </summary>
internal sealed class UnsafeArchiveException(string message) : Exception(message)
{
    public static UnsafeArchiveException ForEntry(string archivePath, string reason) =>
        new($"{reason} (archive '{archivePath}'). Function archives may only hold regular files and folders, each once, with relative " +
            "paths inside the archive; rebuild the archive without it.");
}

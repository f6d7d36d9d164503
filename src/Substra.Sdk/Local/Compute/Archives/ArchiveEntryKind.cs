namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>What an archive entry would create; only files and folders are accepted.</summary>
internal enum ArchiveEntryKind
{
    File,
    Directory,
    SymbolicLink,
    HardLink,
    Device,

    /// <summary>Tar metadata (pax headers) that creates nothing.</summary>
    Metadata,

    /// <summary>Any other tar entry type (sparse files, volume headers, …).</summary>
    Unsupported,
}

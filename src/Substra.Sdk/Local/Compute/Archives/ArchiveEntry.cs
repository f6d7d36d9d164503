using System.Formats.Tar;
using System.IO.Compression;

namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>One entry of a zip or tar archive, as the safety rules see it.</summary>
internal readonly record struct ArchiveEntry(string Name, ArchiveEntryKind Kind, string? LinkName = null, string? TypeName = null)
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymlink = 0xA000;
    private const int UnixDirectory = 0x4000;
    private const int UnixRegularFile = 0x8000;

    /// <summary>The Unix permission bits of a zip entry (0 when the zip was not made on Unix).</summary>
    public static int UnixPermissions(ZipArchiveEntry entry) => (entry.ExternalAttributes >> 16) & 0x1FF;

    public static ArchiveEntry From(ZipArchiveEntry entry)
    {
        // Zips made on Unix keep st_mode in the high half of the external attributes; others leave it 0.
        var fileType = (entry.ExternalAttributes >> 16) & UnixFileTypeMask;
        var kind = fileType switch
        {
            UnixSymlink => ArchiveEntryKind.SymbolicLink,
            UnixDirectory => ArchiveEntryKind.Directory,
            0 or UnixRegularFile => entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\') ? ArchiveEntryKind.Directory : ArchiveEntryKind.File,
            _ => ArchiveEntryKind.Device,
        };
        return new ArchiveEntry(entry.FullName, kind);
    }

    public static ArchiveEntry From(TarEntry entry) => entry.EntryType switch
    {
        TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => new(entry.Name, ArchiveEntryKind.File),
        TarEntryType.Directory => new(entry.Name, ArchiveEntryKind.Directory),
        TarEntryType.SymbolicLink => new(entry.Name, ArchiveEntryKind.SymbolicLink, entry.LinkName),
        TarEntryType.HardLink => new(entry.Name, ArchiveEntryKind.HardLink, entry.LinkName),
        TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo => new(entry.Name, ArchiveEntryKind.Device),
        TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes => new(entry.Name, ArchiveEntryKind.Metadata),
        _ => new(entry.Name, ArchiveEntryKind.Unsupported, TypeName: entry.EntryType.ToString()),
    };
}

using System.Formats.Tar;
using System.IO.Compression;

namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>
/// Extracts a function archive (zip, or tar plain or compressed) into a folder, refusing every entry that could write
/// outside it or alias another file: traversal, absolute paths, symbolic and hard links, devices.
/// </summary>
internal static class SafeArchiveExtractor
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymlink = 0xA000;
    private const int UnixDirectory = 0x4000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixPermissionMask = 0x1FF;

    public static void Extract(string archivePath, string destination)
    {
        var format = ArchiveFormatDetector.Detect(archivePath);
        Directory.CreateDirectory(destination);
        switch (format)
        {
            case ArchiveFormat.Zip:
                ExtractZip(archivePath, destination);
                break;
            case ArchiveFormat.Tar:
                using (var stream = File.OpenRead(archivePath))
                {
                    ExtractTar(archivePath, stream, destination);
                }

                break;
            case ArchiveFormat.TarGzip:
                using (var stream = new GZipStream(File.OpenRead(archivePath), CompressionMode.Decompress))
                {
                    ExtractTar(archivePath, stream, destination);
                }

                break;
            case ArchiveFormat.TarBzip2:
            case ArchiveFormat.TarXz:
            case ArchiveFormat.TarZstandard:
                throw new NotSupportedException(
                    $"Cannot uncompress '{archivePath}': it is a tar compressed with {Describe(format)}, which the local backend does not support. " +
                    "Repack the function as a .zip or a .tar.gz archive.");
            default:
                throw new InvalidDataException(
                    $"Cannot uncompress '{archivePath}': it is neither a zip nor a tar archive. " +
                    "A function archive must be a .zip or a .tar(.gz) holding the Dockerfile at its root.");
        }
    }

    private static string Describe(ArchiveFormat format) => format switch
    {
        ArchiveFormat.TarBzip2 => "bzip2",
        ArchiveFormat.TarXz => "xz",
        ArchiveFormat.TarZstandard => "zstandard",
        _ => format.ToString(),
    };

    private static void ExtractZip(string archivePath, string destination)
    {
        using var zip = ZipFile.OpenRead(archivePath);
        foreach (var entry in zip.Entries)
        {
            var unixMode = (entry.ExternalAttributes >> 16) & 0xFFFF;
            var fileType = unixMode & UnixFileTypeMask;
            if (fileType == UnixSymlink)
            {
                throw Unsafe(archivePath, $"Unsupported symlink for member: {entry.FullName}");
            }

            var isDirectory = entry.FullName.EndsWith('/') || fileType == UnixDirectory;
            if (fileType != 0 && fileType != UnixDirectory && fileType != UnixRegularFile)
            {
                throw Unsafe(archivePath, $"Unsupported device or special file for member: {entry.FullName}");
            }

            var target = ResolveInside(archivePath, destination, entry.FullName);
            if (target is null)
            {
                continue;
            }

            if (isDirectory)
            {
                Directory.CreateDirectory(target);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
            ApplyMode(target, unixMode & UnixPermissionMask);
        }
    }

    private static void ExtractTar(string archivePath, Stream stream, string destination)
    {
        TarReader reader;
        try
        {
            reader = new TarReader(stream);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new InvalidDataException($"Cannot uncompress '{archivePath}': {e.Message}", e);
        }

        using (reader)
        {
            while (true)
            {
                TarEntry? entry;
                try
                {
                    entry = reader.GetNextEntry(copyData: false);
                }
                catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
                {
                    throw new InvalidDataException($"Cannot uncompress '{archivePath}': it is not a valid tar archive ({e.Message}).", e);
                }

                if (entry is null)
                {
                    return;
                }

                switch (entry.EntryType)
                {
                    case TarEntryType.SymbolicLink:
                        throw Unsafe(archivePath, $"Unsupported symlink for member: {entry.Name} -> {entry.LinkName}");
                    case TarEntryType.HardLink:
                        throw Unsafe(archivePath, $"Unsupported hard link for member: {entry.Name} -> {entry.LinkName}");
                    case TarEntryType.CharacterDevice:
                    case TarEntryType.BlockDevice:
                    case TarEntryType.Fifo:
                        throw Unsafe(archivePath, $"Unsupported device or special file for member: {entry.Name}");
                    case TarEntryType.Directory:
                        var directory = ResolveInside(archivePath, destination, entry.Name);
                        if (directory is not null)
                        {
                            Directory.CreateDirectory(directory);
                        }

                        break;
                    case TarEntryType.RegularFile:
                    case TarEntryType.V7RegularFile:
                    case TarEntryType.ContiguousFile:
                        var target = ResolveInside(archivePath, destination, entry.Name);
                        if (target is null)
                        {
                            break;
                        }

                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        using (var output = File.Create(target))
                        {
                            entry.DataStream?.CopyTo(output);
                        }

                        ApplyMode(target, (int)entry.Mode & UnixPermissionMask);
                        break;
                    case TarEntryType.GlobalExtendedAttributes:
                    case TarEntryType.ExtendedAttributes:
                        break;
                    default:
                        throw Unsafe(archivePath, $"Unsupported tar entry type {entry.EntryType} for member: {entry.Name}");
                }
            }
        }
    }

    /// <summary>The entry's path inside <paramref name="destination"/>, or null for the root itself (<c>./</c>).</summary>
    private static string? ResolveInside(string archivePath, string destination, string entryName)
    {
        var name = entryName.Replace('\\', '/');
        if (name.StartsWith('/') || Path.IsPathRooted(entryName) || (name.Length >= 2 && name[1] == ':'))
        {
            throw Unsafe(archivePath, $"Unsupported absolute path for member: {entryName}");
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(segment => segment != ".").ToArray();
        if (segments.Contains(".."))
        {
            throw Unsafe(archivePath, $"Attempted directory traversal for member: {entryName}");
        }

        if (segments.Length == 0)
        {
            return null;
        }

        var root = Path.GetFullPath(destination);
        var target = Path.GetFullPath(Path.Combine([root, .. segments]));
        if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw Unsafe(archivePath, $"Attempted directory traversal for member: {entryName}");
        }

        return target;
    }

    private static void ApplyMode(string path, int permissions)
    {
        if (OperatingSystem.IsWindows() || permissions == 0)
        {
            return;
        }

        // Keep the archive's execute bits (native entrypoints) but always let the owner read and write.
        File.SetUnixFileMode(path, (UnixFileMode)(permissions | 0x180));
    }

    private static UnsafeArchiveException Unsafe(string archivePath, string reason) =>
        new($"{reason} (archive '{archivePath}'). Function archives may only hold regular files and folders with relative paths inside the archive; " +
            "rebuild the archive without it.");
}

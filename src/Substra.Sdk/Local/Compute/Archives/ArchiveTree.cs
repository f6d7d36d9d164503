namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>
/// The tree an archive describes, built entry by entry. Refuses what could write outside the tree or alias another file
/// (traversal, absolute paths, links, devices) and a path given twice, which would let the copy used differ from the copy
/// checked (two Dockerfiles, a file and a folder of one name).
/// </summary>
internal sealed class ArchiveTree(string archivePath)
{
    // Case-insensitive file systems would merge names that differ only by case.
    private static readonly StringComparer PathComparer = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    private readonly HashSet<string> _files = new(PathComparer);
    private readonly HashSet<string> _directories = new(PathComparer);

    /// <summary>
    /// The entry's relative path (<c>/</c>-separated, without <c>.</c> segments), or null for the root itself and for
    /// metadata entries.
    /// </summary>
    public string? Add(ArchiveEntry entry)
    {
        switch (entry.Kind)
        {
            case ArchiveEntryKind.SymbolicLink:
                throw Unsafe($"Unsupported symlink for member: {entry.Name}{(entry.LinkName is null ? "" : $" -> {entry.LinkName}")}");
            case ArchiveEntryKind.HardLink:
                throw Unsafe($"Unsupported hard link for member: {entry.Name} -> {entry.LinkName}");
            case ArchiveEntryKind.Device:
                throw Unsafe($"Unsupported device or special file for member: {entry.Name}");
            case ArchiveEntryKind.Unsupported:
                throw Unsafe($"Unsupported tar entry type {entry.TypeName} for member: {entry.Name}");
            case ArchiveEntryKind.Metadata:
                return null;
        }

        var path = RelativePath(entry.Name);
        if (path is null)
        {
            return null;
        }

        if (entry.Kind == ArchiveEntryKind.Directory)
        {
            if (_files.Contains(path))
            {
                throw Unsafe($"Member {entry.Name} is both a file and a folder");
            }

            AddDirectoryWithParents(path);
            return path;
        }

        if (_directories.Contains(path))
        {
            throw Unsafe($"Member {entry.Name} is both a file and a folder");
        }

        if (!_files.Add(path))
        {
            throw Unsafe($"Duplicate member: {entry.Name}");
        }

        var slash = path.LastIndexOf('/');
        if (slash > 0)
        {
            AddDirectoryWithParents(path[..slash]);
        }

        return path;
    }

    private void AddDirectoryWithParents(string directory)
    {
        // Parents were added with the first path under them: stop at the first one already known.
        while (_directories.Add(directory))
        {
            if (_files.Contains(directory))
            {
                throw Unsafe($"Member {directory} is both a file and a folder");
            }

            var slash = directory.LastIndexOf('/');
            if (slash <= 0)
            {
                return;
            }

            directory = directory[..slash];
        }
    }

    private string? RelativePath(string entryName)
    {
        if (entryName.Contains('\0'))
        {
            throw Unsafe($"Unsupported NUL character in the name of member: {entryName.Replace('\0', '?')}");
        }

        var name = entryName.Replace('\\', '/');
        if (name.StartsWith('/') || Path.IsPathRooted(entryName) || (name.Length >= 2 && name[1] == ':'))
        {
            throw Unsafe($"Unsupported absolute path for member: {entryName}");
        }

        // Most names are clean already (no empty, '.' or '..' segment): keep them as they are, without splitting.
        var trimmed = name.TrimEnd('/');
        if (IsClean(trimmed))
        {
            return trimmed;
        }

        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(segment => segment != ".").ToArray();
        if (segments.Contains(".."))
        {
            throw Unsafe($"Attempted directory traversal for member: {entryName}");
        }

        return segments.Length == 0 ? null : string.Join('/', segments);
    }

    private static bool IsClean(string path)
    {
        if (path.Length == 0)
        {
            return false;
        }

        foreach (var range in path.AsSpan().Split('/'))
        {
            var segment = path.AsSpan(range);
            if (segment.Length == 0 || segment is "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    private UnsafeArchiveException Unsafe(string reason) => UnsafeArchiveException.ForEntry(archivePath, reason);
}

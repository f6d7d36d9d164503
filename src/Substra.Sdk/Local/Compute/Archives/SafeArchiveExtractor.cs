namespace Substra.Sdk.Local.Compute.Archives;

/// <summary>
/// Extracts a function archive (zip, or tar plain or gzip) into a folder, refusing every entry that could write outside
/// it or alias another file (traversal, absolute paths, links, devices, duplicates) and stopping at its
/// <see cref="ArchiveLimits"/>, counted on the bytes actually written. A refused archive leaves no folder behind.
/// </summary>
internal static class SafeArchiveExtractor
{
    public static void Extract(string archivePath, string destination, ArchiveLimits limits, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(destination);
        var created = !Directory.Exists(root);
        Directory.CreateDirectory(root);
        try
        {
            ArchiveWalker.Walk(archivePath, limits, SizeCheck.Metered, item => Write(root, item), cancellationToken);
        }
        catch when (created)
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    private static void Write(string root, ArchiveItem item)
    {
        var target = Path.GetFullPath(Path.Combine([root, .. item.Path.Split('/')]));
        if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            // ArchiveTree already refuses such paths; this keeps the guarantee local to the write.
            throw new UnsafeArchiveException($"The archive entry '{item.Path}' resolves outside '{root}'.");
        }

        if (item.IsDirectory)
        {
            Directory.CreateDirectory(target);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using (var content = item.OpenContent())
        using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
        {
            content.CopyTo(output);
        }

        ApplyMode(target, item.UnixPermissions);
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
}

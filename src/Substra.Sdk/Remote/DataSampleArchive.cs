using System.IO.Compression;

namespace Substra.Sdk.Remote;

/// <summary>
/// The zip the reference uploads for one data-sample folder: deflated, entries relative to the folder, directory links
/// walked only with <c>followlinks</c> (linked files are always read through).
/// </summary>
internal static class DataSampleArchive
{
    public static byte[] Create(string folder, bool followLinks)
    {
        var root = new DirectoryInfo(Path.GetFullPath(folder));
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"The data sample folder '{root.FullName}' does not exist; give the path of an existing directory.");
        }
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddDirectory(zip, root, "", followLinks);
        }
        return buffer.ToArray();
    }

    private static void AddDirectory(ZipArchive zip, DirectoryInfo directory, string prefix, bool followLinks)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var name = prefix + entry.Name;
            if (entry is DirectoryInfo child)
            {
                if (child.LinkTarget is null || followLinks)
                {
                    AddDirectory(zip, child, name + "/", followLinks);
                }
                continue;
            }
            var archived = zip.CreateEntry(name, CompressionLevel.Optimal);
            using var source = File.OpenRead(entry.FullName);
            using var target = archived.Open();
            source.CopyTo(target);
        }
    }
}

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// Copies a data sample's tree to <c>inputs/&lt;key&gt;/</c>, following symbolic links (a link's content is copied, so a
/// write cannot reach the file it points to). File.Copy clones the file instead where the file system can (reflink).
/// </summary>
internal static class DataSampleCopies
{
    public static void Create(string source, string target) => CopyTree(new DirectoryInfo(source), target, []);

    private static void CopyTree(DirectoryInfo source, string target, HashSet<string> ancestors)
    {
        // A link to an enclosing folder would copy forever.
        var real = source.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? source.FullName;
        if (!ancestors.Add(Path.TrimEndingDirectorySeparator(real)))
        {
            throw new ExecutionException($"The data sample folder '{source.FullName}' links back to an enclosing folder; data samples cannot contain link cycles.");
        }

        Directory.CreateDirectory(target);
        foreach (var entry in source.EnumerateFileSystemInfos())
        {
            var destination = Path.Combine(target, entry.Name);
            if (entry is DirectoryInfo directory)
            {
                CopyTree(directory, destination, ancestors);
            }
            else
            {
                File.Copy(entry.FullName, destination);
            }
        }

        ancestors.Remove(Path.TrimEndingDirectorySeparator(real));
    }
}

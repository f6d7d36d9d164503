namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// Exposes each data sample as <c>inputs/&lt;sample_key&gt;/</c>: the sample's folder tree re-created, every file a symbolic
/// link to the original, so nothing is copied and the function cannot tell the difference when reading.
/// </summary>
internal static class DataSampleLinks
{
    public static void Create(string inputsDirectory, IReadOnlyDictionary<string, string> dataSamples)
    {
        foreach (var (key, source) in dataSamples)
        {
            var target = Path.Combine(inputsDirectory, key);
            if (Directory.Exists(target))
            {
                continue;
            }

            if (!Directory.Exists(source))
            {
                throw new ExecutionException(
                    $"The folder '{source}' of data sample {key} does not exist any more; data samples are not copied, so their folder must stay in place.");
            }

            LinkTree(Path.GetFullPath(source), target);
        }
    }

    private static void LinkTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var destination = Path.Combine(target, entry.Name);
            if (entry is DirectoryInfo directory && directory.LinkTarget is null)
            {
                LinkTree(directory.FullName, destination);
            }
            else
            {
                File.CreateSymbolicLink(destination, entry.FullName);
            }
        }
    }
}

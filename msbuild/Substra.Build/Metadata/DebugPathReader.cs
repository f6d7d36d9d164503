using System.Collections.Immutable;
using System.Reflection.PortableExecutable;

namespace Substra.Build.Metadata;

/// <summary>
/// Finds binaries that would make an archive depend on the folder it was built in: the pdb path the compiler records in
/// a dll (its CodeView entry) is a path of this machine unless the project was compiled with mapped paths.
/// </summary>
internal static class DebugPathReader
{
    /// <summary>
    /// The pdb path recorded in <paramref name="image"/> when it names an existing file of this machine; null when it is
    /// mapped (<c>/_/…</c>), names a path of another machine (a package's build server), or there is none.
    /// </summary>
    public static string? LocalPdbPath(byte[] image)
        => RecordedPdbPath(image) is { } path && Path.IsPathFullyQualified(path) && File.Exists(path) ? path : null;

    /// <summary>The pdb path of the first CodeView entry of <paramref name="image"/>; null for a file that is not a PE image.</summary>
    public static string? RecordedPdbPath(byte[] image)
    {
        try
        {
            using var pe = new PEReader(ImmutableArray.Create(image));
            return pe.ReadDebugDirectory()
                .Where(entry => entry.Type == DebugDirectoryEntryType.CodeView)
                .Select(entry => pe.ReadCodeViewDebugDirectoryData(entry).Path)
                .FirstOrDefault();
        }
        catch (BadImageFormatException)
        {
            // Not a PE file (or a damaged one): nothing the compiler wrote a path into.
            return null;
        }
    }
}

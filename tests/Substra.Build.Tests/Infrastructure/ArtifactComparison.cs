using System.IO.Compression;

namespace Substra.Build.Tests.Infrastructure;

/// <summary>Compares two folders of Substra artifacts byte for byte and says what differs, entry by entry for archives.</summary>
internal static class ArtifactComparison
{
    /// <summary>One line per differing file; empty when both folders hold the same files with the same bytes.</summary>
    public static IReadOnlyList<string> Differences(string firstFolder, string secondFolder)
    {
        var first = Files(firstFolder);
        var second = Files(secondFolder);
        var differences = new List<string>();
        foreach (var name in first.Union(second).Order(StringComparer.Ordinal))
        {
            if (!first.Contains(name) || !second.Contains(name))
            {
                differences.Add($"{name}: only in {(first.Contains(name) ? firstFolder : secondFolder)}");
                continue;
            }

            var firstBytes = File.ReadAllBytes(Path.Combine(firstFolder, name));
            var secondBytes = File.ReadAllBytes(Path.Combine(secondFolder, name));
            if (firstBytes.AsSpan().SequenceEqual(secondBytes))
            {
                continue;
            }

            differences.Add(name.EndsWith(".zip", StringComparison.Ordinal) || name.EndsWith(".opener", StringComparison.Ordinal)
                ? $"{name}: {DescribeArchiveDifference(firstBytes, secondBytes)}"
                : $"{name}: contents differ");
        }

        return differences;
    }

    private static string DescribeArchiveDifference(byte[] first, byte[] second)
    {
        var firstEntries = Entries(first);
        var secondEntries = Entries(second);
        var differing = firstEntries.Keys.Union(secondEntries.Keys)
            .Where(entry => !firstEntries.TryGetValue(entry, out var a) || !secondEntries.TryGetValue(entry, out var b) || !a.AsSpan().SequenceEqual(b))
            .Order(StringComparer.Ordinal)
            .ToList();
        return differing.Count == 0
            ? "same entries and contents, different zip headers"
            : $"{differing.Count} entries differ: {string.Join(", ", differing)}";
    }

    private static Dictionary<string, byte[]> Entries(byte[] archive)
    {
        using var zip = new ZipArchive(new MemoryStream(archive));
        return zip.Entries.ToDictionary(entry => entry.FullName, entry =>
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        });
    }

    private static HashSet<string> Files(string folder)
        => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path))
            .ToHashSet(StringComparer.Ordinal);
}

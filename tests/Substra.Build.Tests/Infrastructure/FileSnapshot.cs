using System.Security.Cryptography;

namespace Substra.Build.Tests.Infrastructure;

/// <summary>Last write time and sha256 of every file under a folder, to tell rewritten files from untouched ones.</summary>
internal sealed record FileSnapshot(IReadOnlyDictionary<string, (DateTime LastWriteUtc, string Sha256)> Files)
{
    public static FileSnapshot Take(string directory) => new(
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(
                path => Path.GetRelativePath(directory, path),
                path => (File.GetLastWriteTimeUtc(path), Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))))));

    /// <summary>Files whose timestamp or content differs from <paramref name="other"/> (or that exist in only one).</summary>
    public IReadOnlyList<string> ChangedSince(FileSnapshot other)
        => Files.Keys.Union(other.Files.Keys)
            .Where(name => !Files.TryGetValue(name, out var mine) || !other.Files.TryGetValue(name, out var theirs) || mine != theirs)
            .Order(StringComparer.Ordinal)
            .ToList();
}

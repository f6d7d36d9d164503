using System.IO.Compression;

namespace Substra.Build.Tests.Infrastructure;

/// <summary>Reads an archive's entries in stored order.</summary>
internal static class ZipContents
{
    public static IReadOnlyList<ZipArchiveEntry> Entries(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToList();
    }

    public static IReadOnlyList<string> Names(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(entry => entry.FullName).ToList();
    }

    public static string ReadText(string path, string entryName)
    {
        using var zip = ZipFile.OpenRead(path);
        var entry = zip.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"{path} has no entry {entryName}: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    public static byte[] ReadBytes(string path, string entryName)
    {
        using var zip = ZipFile.OpenRead(path);
        var entry = zip.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"{path} has no entry {entryName}");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}

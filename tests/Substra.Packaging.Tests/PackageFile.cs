using System.IO.Compression;
using System.Xml.Linq;

namespace Substra.Packaging.Tests;

/// <summary>A .nupkg or .snupkg read as NuGet writes it: a zip with the nuspec at its root.</summary>
internal sealed class PackageFile
{
    private PackageFile(string path, IReadOnlyList<string> entries, XElement metadata)
    {
        Path = path;
        Entries = entries;
        Metadata = metadata;
    }

    public string Path { get; }

    public IReadOnlyList<string> Entries { get; }

    public XElement Metadata { get; }

    public string Id => Value("id");

    public string Version => Value("version");

    public static PackageFile Read(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        ZipArchiveEntry nuspec = Assert.Single(zip.Entries, static e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = nuspec.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().Single(static e => e.Name.LocalName == "metadata");
        return new PackageFile(path, zip.Entries.Select(static e => e.FullName).ToList(), metadata);
    }

    public string Value(string element) => Element(element)?.Value ?? "";

    public XElement? Element(string name) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    /// <summary>The ids of the packages this one depends on, in every framework group.</summary>
    public IReadOnlyList<(string Id, string Version)> Dependencies
        => Metadata.Descendants().Where(static e => e.Name.LocalName == "dependency")
            .Select(static e => ((string)e.Attribute("id")!, (string)e.Attribute("version")!))
            .ToList();

    public byte[] ReadBytes(string entry)
    {
        using ZipArchive zip = ZipFile.OpenRead(Path);
        using var copy = new MemoryStream();
        using (Stream stream = zip.GetEntry(entry)!.Open())
        {
            stream.CopyTo(copy);
        }

        return copy.ToArray();
    }

    public override string ToString() => System.IO.Path.GetFileName(Path);
}

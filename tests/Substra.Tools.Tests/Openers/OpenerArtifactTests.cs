using System.IO.Compression;
using System.Text;
using Substra.Tools.Openers;
using Substra.Tools.Tests.Support;

namespace Substra.Tools.Tests.Openers;

public sealed class OpenerArtifactTests
{
    private static readonly OpenerManifest Manifest = new("csv", "My.Data.dll", "My.Data.SubstraOpenerFactory");

    [Fact]
    public void The_manifest_is_compact_json_in_the_specified_order()
        => Assert.Equal(
            """{"format":"substra-dotnet-opener","version":1,"name":"csv","assembly":"My.Data.dll","factory":"My.Data.SubstraOpenerFactory"}""",
            Manifest.ToJson());

    [Fact]
    public void Writing_is_deterministic_sorted_and_timestamped_1980()
    {
        using var folder = new TempDirectory();
        var files = new[] { folder.WriteFile("zlib.dll", "z"), folder.WriteFile("My.Data.dll", "assembly"), folder.WriteFile("Contracts.dll", "c") };
        var first = folder.Combine("a.opener");
        var second = folder.Combine("b.opener");

        OpenerArtifact.Write(first, Manifest, files);
        File.SetLastWriteTimeUtc(files[0], DateTime.UtcNow.AddDays(-3));
        OpenerArtifact.Write(second, Manifest, files.Reverse());

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        using var zip = ZipFile.OpenRead(first);
        Assert.Equal(["Contracts.dll", "My.Data.dll", "substra-opener.json", "zlib.dll"], zip.Entries.Select(entry => entry.FullName));
        Assert.All(zip.Entries, entry => Assert.Equal(new DateTime(1980, 1, 1), entry.LastWriteTime.DateTime));
        using var reader = new StreamReader(zip.GetEntry("substra-opener.json")!.Open(), Encoding.UTF8);
        Assert.Equal(Manifest.ToJson(), reader.ReadToEnd());
        Assert.Equal(Manifest, OpenerArtifact.ReadManifest(first));
        Assert.Equal(OpenerFileKind.DotNetArtifact, OpenerArtifact.Detect(first));
    }

    [Fact]
    public void Writing_rejects_bad_entries()
    {
        using var folder = new TempDirectory();
        var dll = folder.WriteFile("My.Data.dll", "a");
        using var stream = new MemoryStream();

        Assert.Contains("not among the entries", Assert.Throws<ArgumentException>(() => OpenerArtifact.Write(stream, Manifest, [new OpenerArtifactEntry("Other.dll", dll)])).Message, StringComparison.Ordinal);
        Assert.Contains("reserved for the manifest", Assert.Throws<ArgumentException>(() => OpenerArtifact.Write(stream, Manifest, [new OpenerArtifactEntry("My.Data.dll", dll), new OpenerArtifactEntry("substra-opener.json", dll)])).Message, StringComparison.Ordinal);
        Assert.Contains("not a relative path", Assert.Throws<ArgumentException>(() => OpenerArtifact.Write(stream, Manifest, [new OpenerArtifactEntry("My.Data.dll", dll), new OpenerArtifactEntry("../x.dll", dll)])).Message, StringComparison.Ordinal);
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => OpenerArtifact.Write(stream, Manifest, [new OpenerArtifactEntry("My.Data.dll", dll), new OpenerArtifactEntry("My.Data.dll", dll)])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_are_recognised_by_content_whatever_their_name()
    {
        using var folder = new TempDirectory();
        var python = folder.WriteFile("opener.py", "import substratools as tools\n\nclass Opener(tools.Opener):\n    pass\n");
        var binary = folder.Combine("blob.py");
        File.WriteAllBytes(binary, [0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]);
        var zip = folder.Combine("archive.py");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntry("opener.py");
        }

        Assert.Equal(OpenerFileKind.PythonModule, OpenerArtifact.Detect(python));
        Assert.Equal(OpenerFileKind.Unknown, OpenerArtifact.Detect(binary));
        Assert.Equal(OpenerFileKind.ZipWithoutManifest, OpenerArtifact.Detect(zip));
        Assert.Contains("is a Python opener (a text module), not a .NET opener artifact", Assert.Throws<OpenerArtifactException>(() => OpenerArtifact.ReadManifest(python)).Message, StringComparison.Ordinal);
        Assert.Contains("neither a .NET opener artifact", Assert.Throws<OpenerArtifactException>(() => OpenerArtifact.ReadManifest(binary)).Message, StringComparison.Ordinal);
        Assert.Contains("without a 'substra-opener.json' entry", Assert.Throws<OpenerArtifactException>(() => OpenerArtifact.ReadManifest(zip)).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<OpenerArtifactException>(() => OpenerArtifact.ReadManifest(folder.Combine("missing"))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"format":"other","version":1,"name":"n","assembly":"A.dll","factory":"F"}""", "has the format 'other', expected 'substra-dotnet-opener'")]
    [InlineData("""{"format":"substra-dotnet-opener","version":2,"name":"n","assembly":"A.dll","factory":"F"}""", "has version 2, but this runtime reads version 1")]
    [InlineData("""{"format":"substra-dotnet-opener","name":"n","assembly":"A.dll","factory":"F"}""", "has no integer 'version'")]
    [InlineData("""{"format":"substra-dotnet-opener","version":1,"assembly":"A.dll","factory":"F"}""", "has no 'name' string")]
    [InlineData("""{"format":"substra-dotnet-opener","version":1,"name":"n","assembly":"lib/A.dll","factory":"F"}""", "expected a file name ending in .dll at the zip root")]
    [InlineData("""{"format":"substra-dotnet-opener","version":1,"name":"n","assembly":"B.dll","factory":"F"}""", "names the assembly 'B.dll', but has no such entry")]
    [InlineData("""[1]""", "is not a JSON object")]
    [InlineData("""{""", "is not valid JSON")]
    public void Invalid_manifests_are_reported(string json, string message)
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("opener.py");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            archive.CreateEntry("A.dll");
            using var writer = new StreamWriter(archive.CreateEntry("substra-opener.json").Open());
            writer.Write(json);
        }

        var exception = Assert.Throws<OpenerArtifactException>(() => OpenerArtifact.ReadManifest(path));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
    }
}

using System.IO.Compression;
using System.Reflection.PortableExecutable;
using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Functions;

/// <summary>
/// Release builds put ReadyToRun code for linux-x64 in function archives (a nested publish of the project); Debug builds
/// and <c>SubstraReadyToRun=false</c> keep the build output.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class ReadyToRunArchiveTests
{
    [Fact]
    public async Task Release_archives_hold_ReadyToRun_code_and_SubstraReadyToRun_false_turns_it_off()
    {
        using var project = TestProject.Create("Demo.ReadyToRun", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        var archive = Path.Combine(project.Directory, "bin", "Release", "net10.0", "substra", "functions", "train.zip");

        var build = await project.BuildSuccessfullyAsync("-c", "Release");

        Assert.Contains("Substra: publishing Demo.ReadyToRun for linux-x64 (ReadyToRun)", build.Output, StringComparison.Ordinal);
        Assert.True(IsReadyToRun(archive, "Demo.ReadyToRun.dll"), "the Release archive's application is not ReadyToRun code");
        Assert.True(IsReadyToRun(archive, "Substra.Tools.dll"), "the Release archive's dependencies are not ReadyToRun code");
        // A reference of a reference (Substra.Tools.Contracts, through Substra.Tools) builds as in the outer build too.
        Assert.True(IsReadyToRun(archive, "Substra.Tools.Contracts.dll"), "the Release archive's transitive references are not ReadyToRun code");
        Assert.DoesNotContain("Demo.ReadyToRun", Entries(archive));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"Demo.ReadyToRun.dll\", \"--function-name\", \"train\"]", Dockerfile(archive), StringComparison.Ordinal);

        var plain = await project.BuildSuccessfullyAsync("-c", "Release", "-p:SubstraReadyToRun=false");

        Assert.DoesNotContain("(ReadyToRun)", plain.Output, StringComparison.Ordinal);
        Assert.False(IsReadyToRun(archive, "Demo.ReadyToRun.dll"), "SubstraReadyToRun=false still ships ReadyToRun code");
    }

    private static IReadOnlyList<string> Entries(string archive)
    {
        using var zip = ZipFile.OpenRead(archive);
        return zip.Entries.Select(entry => entry.FullName).ToList();
    }

    private static string Dockerfile(string archive)
    {
        using var zip = ZipFile.OpenRead(archive);
        using var reader = new StreamReader(zip.GetEntry("Dockerfile")!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>A ReadyToRun image has a managed native header in its CLI header; an IL-only assembly does not.</summary>
    private static bool IsReadyToRun(string archive, string entryName)
    {
        using var zip = ZipFile.OpenRead(archive);
        using var content = new MemoryStream();
        using (var entry = zip.GetEntry(entryName)!.Open())
        {
            entry.CopyTo(content);
        }

        content.Position = 0;
        using var pe = new PEReader(content);
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }
}

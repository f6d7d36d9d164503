using System.IO.Compression;
using Substra.Build.Metadata;
using Substra.Build.Tests.Infrastructure;
using Substra.Tests.Shared;

namespace Substra.Build.Tests.Packaging;

/// <summary>`dotnet pack src/Substra.Tools` (with the Substra.Tools.Contracts it depends on) gives users everything through one PackageReference.</summary>
[Collection(BuildCollection.Name)]
public sealed class PackageConsumptionTests
{
    [Fact]
    public async Task Packed_nupkg_from_a_local_feed_builds_function_archives()
    {
        using var consumer = TestProject.Create("Demo.FromPackage", "Exe");
        var root = Path.GetDirectoryName(consumer.Directory)!;
        var feed = Path.Combine(root, "feed");
        // A version of its own, so that no package cached by an earlier run is used instead.
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");

        // Substra.Tools depends on exactly this version of Substra.Tools.Contracts (the schemas and plan handles).
        foreach (var project in new[] { RepositoryLayout.ContractsProject, RepositoryLayout.ToolsProject })
        {
            var pack = await DotNetCli.RunAsync(RepositoryLayout.Root, null,
                "pack", project, "-nodeReuse:false", "-o", feed, $"-p:PackageVersion={version}");
            Assert.True(pack.Succeeded, pack.ToString());
        }

        var nupkg = Path.Combine(feed, $"Substra.Tools.{version}.nupkg");
        using (var package = ZipFile.OpenRead(nupkg))
        {
            var entries = package.Entries.Select(entry => entry.FullName).ToList();
            Assert.Contains("lib/net10.0/Substra.Tools.dll", entries);
            Assert.Contains("tasks/net10.0/Substra.Build.dll", entries);
            Assert.Contains("tasks/net10.0/Substra.Build.deps.json", entries);
            Assert.Contains("tasks/net10.0/Scriban.Signed.dll", entries);
            Assert.Contains("build/Substra.Tools.props", entries);
            Assert.Contains("build/Substra.Tools.targets", entries);
            Assert.Contains("build/Substra.DeterministicPaths.targets", entries);
            Assert.Contains("buildTransitive/Substra.Tools.props", entries);
            Assert.Contains("buildTransitive/Substra.Tools.targets", entries);
            Assert.DoesNotContain(entries, entry => entry.Contains("Microsoft.Build", StringComparison.Ordinal));
            if (File.Exists(RepositoryLayout.GeneratorProject))
            {
                Assert.Contains("analyzers/dotnet/cs/Substra.Generators.dll", entries);
            }
        }

        // Isolated package folder; already-restored third-party packages come read-only from the machine's folder.
        LocalFeed.WriteNuGetConfig(consumer.Directory, feed);
        // A quote in the package folder, as in C:\Users\O'Brien\.nuget: the package's props and tasks dll still load from it.
        consumer.Environment = new() { ["NUGET_PACKAGES"] = Path.Combine(root, "O'Brien packages") };
        consumer.PackageVersion = version;
        consumer.WriteFile("Functions.cs", ProjectSources.Functions());

        await consumer.BuildSuccessfullyAsync();

        var dockerfile = ZipContents.ReadText(Path.Combine(consumer.FunctionsDirectory, "train.zip"), "Dockerfile");
        Assert.EndsWith("ENTRYPOINT [\"dotnet\", \"Demo.FromPackage.dll\", \"--function-name\", \"train\"]\n", dockerfile, StringComparison.Ordinal);
        Assert.Contains("Substra.Tools.dll", ZipContents.Names(Path.Combine(consumer.FunctionsDirectory, "train.zip")));
        Assert.Contains("Substra.Tools.Contracts.dll", ZipContents.Names(Path.Combine(consumer.FunctionsDirectory, "train.zip")));
        Assert.Equal(ProjectSources.TrainSchema, File.ReadAllText(Path.Combine(consumer.FunctionsDirectory, "train.json")));
        // The package maps the consumer's paths too, so its archives are reproducible.
        Assert.Equal("/_/obj/Demo.FromPackage.pdb",
            DebugPathReader.RecordedPdbPath(ZipContents.ReadBytes(Path.Combine(consumer.FunctionsDirectory, "train.zip"), "Demo.FromPackage.dll")));
    }
}

using System.Reflection.Metadata;
using System.Text;

namespace Substra.Packaging.Tests;

/// <summary>
/// What nuget.org shows and what a debugger needs: every package has its readme, license, project and repository
/// (with the commit), and every package with assemblies a symbol package whose pdbs link to the sources on GitHub.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class PackageMetadataTests(TaggedClone clone)
{
    // The Source Link entry of a portable pdb (https://github.com/dotnet/runtime/blob/main/docs/design/specs/PortablePdb-Metadata.md).
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Fact]
    public void Every_package_has_a_readme_a_license_and_the_repository_with_its_commit()
    {
        Assert.All(Packages(), package =>
        {
            string readme = package.Value("readme");
            Assert.Equal("README.md", readme);
            Assert.Contains(readme, package.Entries);
            Assert.StartsWith("# " + package.Id, Encoding.UTF8.GetString(package.ReadBytes(readme)), StringComparison.Ordinal);
            Assert.Equal("expression", (string?)package.Element("license")?.Attribute("type"));
            Assert.Equal("Apache-2.0", package.Value("license"));
            Assert.Equal(TaggedClone.GitHubRepository, package.Value("projectUrl"));
            Assert.False(string.IsNullOrWhiteSpace(package.Value("description")), $"{package} has no description");
            var repository = package.Element("repository");
            Assert.NotNull(repository);
            Assert.Equal("git", (string?)repository.Attribute("type"));
            Assert.Equal(TaggedClone.GitHubRepository, (string?)repository.Attribute("url"));
            Assert.Equal(clone.Commit, (string?)repository.Attribute("commit"));
        });
    }

    [Fact]
    public void Every_package_with_assemblies_has_a_symbol_package_whose_pdbs_link_to_the_commit_on_GitHub()
    {
        var withAssemblies = Packages().Where(static p => p.Entries.Any(static e => e.StartsWith("lib/", StringComparison.Ordinal))).ToList();

        Assert.Contains(withAssemblies, static p => p.Id == "Substra.Tools");
        Assert.Contains(withAssemblies, static p => p.Id == "Substra.Tools.Contracts");
        Assert.Contains(withAssemblies, static p => p.Id == "Substra.Sdk");
        Assert.All(withAssemblies, package =>
        {
            string symbols = Path.ChangeExtension(package.Path, ".snupkg");
            Assert.True(File.Exists(symbols), $"{package} has no {Path.GetFileName(symbols)} next to it");
            var symbolPackage = PackageFile.Read(symbols);
            var assemblies = package.Entries.Where(static e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(assemblies);
            foreach (string assembly in assemblies)
            {
                string pdb = Path.ChangeExtension(assembly, ".pdb");
                Assert.Contains(pdb, symbolPackage.Entries);
                Assert.Equal(
                    $$$"""{"documents":{"/_/*":"https://raw.githubusercontent.com/Substra/Substra.Framework/{{{clone.Commit}}}/*"}}""",
                    SourceLink(symbolPackage.ReadBytes(pdb)));
            }
        });
    }

    [Fact]
    public void No_package_depends_on_the_generator_or_the_build_tasks()
    {
        Assert.All(Packages(), package =>
        {
            Assert.DoesNotContain(package.Dependencies, static d => d.Id is "Substra.Generators" or "Substra.Build");
            Assert.DoesNotContain(package.Dependencies, static d => d.Id == "MinVer");
        });
        // Substra.Sdk's own packages are exactly the same release; the client takes the contracts, not the in-task runtime.
        var sdk = Assert.Single(Packages(), static p => p.Id == "Substra.Sdk");
        Assert.Contains(("Substra.Tools.Contracts", $"[{TaggedClone.Version}]"), sdk.Dependencies);
        Assert.DoesNotContain(sdk.Dependencies, static d => d.Id == "Substra.Tools");
        var tools = Assert.Single(Packages(), static p => p.Id == "Substra.Tools");
        Assert.Contains(("Substra.Tools.Contracts", $"[{TaggedClone.Version}]"), tools.Dependencies);
    }

    private List<PackageFile> Packages() => Directory.GetFiles(clone.Feed, "*.nupkg").Select(PackageFile.Read).ToList();

    private static string? SourceLink(byte[] pdb)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbImage(System.Collections.Immutable.ImmutableArray.Create(pdb));
        MetadataReader reader = provider.GetMetadataReader();
        foreach (CustomDebugInformationHandle handle in reader.CustomDebugInformation)
        {
            CustomDebugInformation information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == SourceLinkKind)
            {
                return Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
            }
        }

        return null;
    }
}

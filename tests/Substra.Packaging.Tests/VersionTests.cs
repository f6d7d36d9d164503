using System.Diagnostics;
using NuGet.Versioning;
using Substra.Tests.Shared;

namespace Substra.Packaging.Tests;

/// <summary>
/// Versions come from git: a commit tagged v0.2.0 packs 0.2.0, a later untagged commit a pre-release that NuGet sorts
/// after it, and a source tree without git still builds (0.0.0-alpha.0, with MinVer's warning).
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class VersionTests(TaggedClone clone)
{
    [Fact]
    public void The_tagged_commit_packs_the_tag_version_into_packages_and_assemblies()
    {
        var packages = Directory.GetFiles(clone.Feed, "*.nupkg").Select(PackageFile.Read).ToList();

        Assert.NotEmpty(packages);
        Assert.All(packages, package => Assert.Equal(TaggedClone.Version, package.Version));
        Assert.All(packages, package => Assert.Equal($"{package.Id}.{TaggedClone.Version}.nupkg", Path.GetFileName(package.Path)));

        // The assemblies follow: the file and product versions carry the tag, the assembly version only the major.
        FileVersionInfo tools = ExtractedVersion(Assert.Single(packages, static p => p.Id == "Substra.Tools"), "lib/net10.0/Substra.Tools.dll");
        Assert.Equal("0.2.0.0", tools.FileVersion);
        Assert.Equal($"{TaggedClone.Version}+{clone.Commit}", tools.ProductVersion);
    }

    [Fact]
    public void The_template_pack_references_the_packages_of_its_own_version()
    {
        PackageFile templates = PackageFile.Read(Path.Combine(clone.Feed, $"Substra.Templates.{TaggedClone.Version}.nupkg"));
        string templateJson = System.Text.Encoding.UTF8.GetString(templates.ReadBytes("content/substra-functions/.template.config/template.json"));

        Assert.Contains($"\"defaultValue\": \"{TaggedClone.Version}\"", templateJson);
        Assert.DoesNotContain("__SUBSTRA_VERSION__", templateJson);
    }

    [Fact]
    public async Task A_later_untagged_commit_packs_a_prerelease_that_sorts_after_the_tag()
    {
        // A clone of the tagged clone (tags come along), whose origin is a local folder, as in a clone of a local repository.
        string later = Path.Combine(clone.Root, "later");
        await Git.RunAsync(clone.Root, "clone", "--quiet", clone.Clone, later);
        File.AppendAllText(Path.Combine(later, "README.md"), "\nA change after the release.\n");
        await Git.RunAsync(later, "add", "README.md");
        await Git.CommitAsync(later, "A change after the release");
        string feed = Path.Combine(clone.Root, "later-feed");

        DotNetCli.Result pack = (await clone.RepositoryCli.RunAsync(later, TaggedClone.Step,
                ["pack", "src/Substra.Tools", "-c", "Release", "-o", feed, "-nodeReuse:false"]))
            .EnsureSuccess("dotnet pack of an untagged commit");

        PackageFile package = PackageFile.Read(Assert.Single(Directory.GetFiles(feed, "*.nupkg")));
        var version = NuGetVersion.Parse(package.Version);
        Assert.Equal("0.2.1-alpha.0.1", package.Version);
        Assert.True(version.IsPrerelease);
        Assert.True(version > NuGetVersion.Parse(TaggedClone.Version), $"{version} must sort after {TaggedClone.Version}");
        // A local origin is no GitHub repository: Source Link has nothing to map, and says nothing either.
        Assert.DoesNotMatch(@"\bwarning [A-Z]+\d+", pack.Output);
    }

    [Fact]
    public async Task A_version_given_on_the_command_line_wins_over_the_tag()
    {
        string feed = Path.Combine(clone.Root, "override-feed");

        (await clone.RepositoryCli.RunAsync(clone.Clone, TaggedClone.Step,
                ["pack", "src/Substra.Sdk", "-c", "Release", "-o", feed, "-p:PackageVersion=0.1.0-override.1", "-nodeReuse:false"]))
            .EnsureSuccess("dotnet pack with an explicit version");

        PackageFile sdk = PackageFile.Read(Path.Combine(feed, "Substra.Sdk.0.1.0-override.1.nupkg"));
        Assert.Equal("0.1.0-override.1", sdk.Version);
        // The project it references is packed with the same version, so the dependency names exactly it.
        Assert.Contains(("Substra.Tools.Contracts", "[0.1.0-override.1]"), sdk.Dependencies);
    }

    [Fact]
    public async Task A_source_tree_without_git_builds_with_a_default_version_and_a_warning()
    {
        string archive = Path.Combine(clone.Root, "source.tar");
        string tree = Path.Combine(clone.Root, "source");
        await Git.RunAsync(clone.Clone, "archive", "--format=tar", "-o", archive, "HEAD");
        Directory.CreateDirectory(tree);
        await System.Formats.Tar.TarFile.ExtractToDirectoryAsync(archive, tree, overwriteFiles: false);

        DotNetCli.Result build = (await clone.RepositoryCli.RunAsync(tree, TaggedClone.Step,
                ["build", "src/Substra.Tools", "-c", "Release", "-nodeReuse:false"]))
            .EnsureSuccess("dotnet build without git (warnings are errors in this repository, this one is not)");

        Assert.Contains("warning MINVER1001", build.Output, StringComparison.Ordinal);
        Assert.Equal("0.0.0-alpha.0", FileVersionInfo.GetVersionInfo(Path.Combine(tree, "src", "Substra.Tools", "bin", "Release", "net10.0", "Substra.Tools.dll")).ProductVersion);
    }

    private FileVersionInfo ExtractedVersion(PackageFile package, string entry)
    {
        string file = Path.Combine(clone.Root, "extracted", package.Id, Path.GetFileName(entry));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, package.ReadBytes(entry));
        return FileVersionInfo.GetVersionInfo(file);
    }
}

namespace Substra.Packaging.Tests;

/// <summary>
/// Packing the solution makes the packages users reference and nothing else: every project under src/ and the
/// template pack; never the generator or the build tasks (they ship inside Substra.Tools), tests, samples or bench.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class PackableProjectsTests(TaggedClone clone)
{
    [Fact]
    public void The_packable_projects_are_the_libraries_under_src_and_the_template_pack()
    {
        var expected = Directory.GetFiles(Path.Combine(clone.Clone, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(clone.Clone, p).Replace('\\', '/'))
            .Append("templates/Substra.Templates/Substra.Templates.csproj")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("src/Substra.Tools/Substra.Tools.csproj", expected);
        Assert.Contains("src/Substra.Tools.Contracts/Substra.Tools.Contracts.csproj", expected);
        Assert.Contains("src/Substra.Sdk/Substra.Sdk.csproj", expected);
        Assert.Equal(expected, clone.PackableProjects.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("generators/Substra.Generators/Substra.Generators.csproj", clone.PackableProjects.Keys);
    }

    [Fact]
    public void Packing_them_gives_one_package_and_at_most_one_symbol_package_each()
    {
        var packages = Directory.GetFiles(clone.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var ids = clone.PackableProjects.Values.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(ids.Select(static id => $"{id}.{TaggedClone.Version}.nupkg"), packages.Where(static p => p!.EndsWith(".nupkg", StringComparison.Ordinal)));
        Assert.All(packages.Where(static p => p!.EndsWith(".snupkg", StringComparison.Ordinal)),
            symbols => Assert.Contains(Path.ChangeExtension(symbols!, ".nupkg"), packages));
        Assert.Equal(packages.Count, packages.Count(static p => p!.EndsWith(".nupkg", StringComparison.Ordinal) || p!.EndsWith(".snupkg", StringComparison.Ordinal)));
    }
}

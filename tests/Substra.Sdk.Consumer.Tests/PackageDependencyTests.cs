using System.IO.Compression;
using System.Xml.Linq;

namespace Substra.Sdk.Consumer.Tests;

/// <summary>What each package makes its users depend on, read from the .nuspec of a real <c>dotnet pack</c>.</summary>
[Collection(DotnetBuildsCollection.Name)]
public sealed class PackageDependencyTests : IDisposable
{
    private readonly string _feed = Directory.CreateTempSubdirectory("substra-consumer-pack-").FullName;

    [Fact]
    public async Task Substra_Sdk_takes_only_the_contracts_of_Substra_Tools_and_no_Docker_or_DI_implementations()
    {
        var (version, dependencies) = await PackAsync("src/Substra.Sdk/Substra.Sdk.csproj", "Substra.Sdk");

        // The schemas, plan handles and task command line; the in-task runtime (its DI and logging implementations,
        // function-archive targets and generator) is for function projects.
        Assert.Equal($"[{version}]", Assert.Single(dependencies, d => d.Id == "Substra.Tools.Contracts").Version);
        Assert.DoesNotContain(dependencies, d => d.Id == "Substra.Tools");
        string[] implementations =
        [
            "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Logging", "Microsoft.Extensions.Options",
            "Microsoft.Extensions.Http", "Microsoft.Extensions.Http.Resilience",
        ];
        Assert.DoesNotContain(dependencies, d => d.Id.StartsWith("Docker.DotNet", StringComparison.Ordinal) || implementations.Contains(d.Id));
        Assert.Contains(dependencies, d => d.Id == "Microsoft.Extensions.Logging.Abstractions");
    }

    [Fact]
    public async Task Substra_Tools_Contracts_depends_on_nothing()
    {
        var (_, dependencies) = await PackAsync("src/Substra.Tools.Contracts/Substra.Tools.Contracts.csproj", "Substra.Tools.Contracts");

        Assert.Empty(dependencies);
    }

    [Theory]
    [InlineData("src/Substra.Sdk.Docker/Substra.Sdk.Docker.csproj", "Substra.Sdk.Docker", "Docker.DotNet.Enhanced")]
    [InlineData("src/Substra.Sdk.Hosting/Substra.Sdk.Hosting.csproj", "Substra.Sdk.Hosting", "Microsoft.Extensions.Http")]
    public async Task An_opt_in_package_depends_on_exactly_its_Substra_Sdk_version_and_brings_its_implementation(string project, string id, string implementation)
    {
        var (version, dependencies) = await PackAsync(project, id);

        Assert.Equal($"[{version}]", Assert.Single(dependencies, d => d.Id == "Substra.Sdk").Version);
        Assert.Contains(dependencies, d => d.Id == implementation);
    }

    public void Dispose() => Directory.Delete(_feed, recursive: true);

    private async Task<(string Version, IReadOnlyList<Dependency> Dependencies)> PackAsync(string project, string id)
    {
        var (exitCode, output) = await ConsumerApp.DotnetAsync(ConsumerApp.RepositoryRoot,
            "pack", Path.Combine(ConsumerApp.RepositoryRoot, project), "-c", "Release", "-o", _feed, "-nodeReuse:false");
        Assert.True(exitCode == 0, $"dotnet pack {project} failed ({exitCode}):\n{output}");
        var package = Assert.Single(Directory.GetFiles(_feed, $"{id}.*.nupkg"), file => !file.EndsWith(".symbols.nupkg", StringComparison.Ordinal)
            && char.IsDigit(Path.GetFileName(file)[(id.Length + 1)..][0]));
        using var archive = ZipFile.OpenRead(package);
        using var nuspec = archive.GetEntry($"{id}.nuspec")!.Open();
        var document = XDocument.Load(nuspec);
        XNamespace ns = document.Root!.Name.Namespace;
        var metadata = document.Root.Element(ns + "metadata")!;
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => new Dependency(
            (string)d.Attribute("id")!,
            (string)d.Attribute("version")!,
            ((string?)d.Attribute("exclude") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))).ToList();
        return ((string)metadata.Element(ns + "version")!, dependencies);
    }

    private sealed record Dependency(string Id, string Version, IReadOnlyList<string> Exclude);
}

using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Substra.Tests.Shared;

namespace Substra.Sdk.Tests;

/// <summary>
/// The public API of the packages is declared (PublicAPI.*.txt, checked by the analyzer at build time) and documented
/// (CS1591 on): docs/public-api.md.
/// </summary>
public sealed partial class PublicApiTests : IDisposable
{
    private static readonly string RepositoryRoot = typeof(PublicApiTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "RepositoryRoot").Value!;

    private readonly string _folder = Directory.CreateTempSubdirectory("substra-public-api-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Every library under src/ is a package: each one tracks its public API.</summary>
    public static TheoryData<string> Libraries() => new(LibraryProjects());

    private static IEnumerable<string> LibraryProjects() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(static project => !IsBuildOutput(project))
            .Select(static project => Path.GetRelativePath(RepositoryRoot, project))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_library_declares_its_public_api(string project)
    {
        var path = Path.Combine(RepositoryRoot, project);
        var tracking = XDocument.Load(path).Descendants("SubstraTrackPublicApi").Select(static e => e.Value.Trim()).LastOrDefault();
        Assert.True(tracking == "true", $"{project} does not set <SubstraTrackPublicApi>true</SubstraTrackPublicApi> (docs/public-api.md).");
        foreach (var name in new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" })
        {
            var file = Path.Combine(Path.GetDirectoryName(path)!, name);
            Assert.True(File.Exists(file), $"{project} has no {name} next to it (docs/public-api.md says how to generate it).");
            Assert.Equal("#nullable enable", File.ReadLines(file).FirstOrDefault());
        }
    }

    [Fact]
    public void The_published_libraries_are_the_sdk_and_the_tools_at_least()
    {
        var projects = LibraryProjects().ToList();
        Assert.Contains(Path.Combine("src", "Substra.Sdk", "Substra.Sdk.csproj"), projects);
        Assert.Contains(Path.Combine("src", "Substra.Tools", "Substra.Tools.csproj"), projects);
    }

    [Fact]
    public void No_project_suppresses_missing_documentation()
    {
        var files = new[] { "*.csproj", "*.props", "*.targets", ".editorconfig", "*.globalconfig" }
            .SelectMany(pattern => Directory.GetFiles(RepositoryRoot, pattern, SearchOption.AllDirectories))
            .Where(static file => !IsBuildOutput(file))
            .ToList();
        Assert.Contains(files, static file => file.EndsWith("Substra.Sdk.csproj", StringComparison.Ordinal));
        var suppressing = files.Where(file => SuppressesCs1591().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(RepositoryRoot, file)).ToList();
        Assert.True(suppressing.Count == 0, $"CS1591 (missing XML documentation) is suppressed in: {string.Join(", ", suppressing)}.");

        var pragmas = Directory.GetFiles(Path.Combine(RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(static file => !IsBuildOutput(file) && File.ReadAllText(file).Contains("CS1591", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(RepositoryRoot, file)).ToList();
        Assert.True(pragmas.Count == 0, $"CS1591 is disabled in source: {string.Join(", ", pragmas)}.");
    }

    [Fact]
    public async Task A_public_member_missing_from_the_declared_api_fails_the_build()
    {
        File.WriteAllText(Path.Combine(_folder, "Directory.Packages.props"),
            $"""<Project><Import Project="{Path.Combine(RepositoryRoot, "Directory.Packages.props")}" /></Project>""");
        // TreatWarningsAsErrors off: the shared targets alone must make the analyzer's findings errors.
        File.WriteAllText(Path.Combine(_folder, "Tracked.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <SubstraTrackPublicApi>true</SubstraTrackPublicApi>
              </PropertyGroup>
              <Import Project="{Path.Combine(RepositoryRoot, "eng", "Substra.PublicApi.targets")}" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(_folder, "PublicAPI.Shipped.txt"), "#nullable enable\n");
        File.WriteAllText(Path.Combine(_folder, "PublicAPI.Unshipped.txt"), "#nullable enable\nTracked.Declared\nTracked.Declared.Declared() -> void\nTracked.Declared.Run() -> int\n");
        var source = Path.Combine(_folder, "Declared.cs");
        File.WriteAllText(source, "namespace Tracked;\n\npublic sealed class Declared\n{\n    public int Run() => 1;\n}\n");

        var declared = await BuildAsync();
        Assert.True(declared.ExitCode == 0, $"The library whose API is all declared should build:\n{declared.Output}");

        File.WriteAllText(source, "namespace Tracked;\n\npublic sealed class Declared\n{\n    public int Run() => 1;\n\n    public int Added() => 2;\n}\n");
        var added = await BuildAsync();
        Assert.True(added.ExitCode != 0, $"An undeclared public member should fail the build:\n{added.Output}");
        Assert.Matches(@"error RS0016: Symbol 'Tracked\.Declared\.Added\(\) -> int' is not part of the declared public API", added.Output);
    }

    private Task<(int ExitCode, string Output)> BuildAsync() => OutputCapturingProcess.RunAsync(
        "dotnet",
        _folder,
        [new("MSBUILDUSESERVER", "0"), new("DOTNET_CLI_USE_MSBUILD_SERVER", "0"), new("DOTNET_NOLOGO", "1")],
        TimeSpan.FromMinutes(5),
        ["build", "Tracked.csproj", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-v", "q"]);

    private static bool IsBuildOutput(string path)
    {
        var separator = Path.DirectorySeparatorChar;
        return path.Contains($"{separator}bin{separator}", StringComparison.Ordinal)
            || path.Contains($"{separator}obj{separator}", StringComparison.Ordinal)
            || path.Contains($"{separator}.git{separator}", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<NoWarn>[^<]*CS1591|CS1591\.severity\s*=\s*(none|silent|suggestion)", RegexOptions.IgnoreCase)]
    private static partial Regex SuppressesCs1591();
}

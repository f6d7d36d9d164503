using Substra.Build.Metadata;
using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Functions;

/// <summary>
/// The Docker backend tags images with the archive's sha256: the same sources must give the same archive on every
/// machine, whatever folder they were checked out in.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class ReproducibleArchiveTests
{
    [Fact]
    public async Task Same_sources_in_two_checkout_folders_give_byte_identical_artifacts()
    {
        using var first = TestProject.Create("Demo.Checkout", "Exe");
        // Another length, and the characters PathMap and MSBuild escape (',', '=', quote, space).
        using var second = TestProject.Create("Demo.Checkout", "Exe", Path.Combine("colleague's checkout, build=2", "src", "functions"));
        foreach (var project in new[] { first, second })
        {
            project.WriteFile("Functions.cs", ProjectSources.Functions());
            project.WriteFile(Path.Combine("Model", "Weights.cs"), WeightsSource);
            await project.BuildSuccessfullyAsync();
        }

        var differences = ArtifactComparison.Differences(first.FunctionsDirectory, second.FunctionsDirectory);

        Assert.True(differences.Count == 0,
            $"Building the same sources in {first.Directory} and {second.Directory} gave different artifacts:\n{string.Join('\n', differences)}");
        Assert.Equal(6, Directory.GetFiles(first.FunctionsDirectory).Length);
    }

    [Fact]
    public async Task Referenced_library_compiled_with_local_paths_is_SUBB011_until_it_maps_them()
    {
        using var project = TestProject.Create("Demo.WithLibrary", "Exe");
        var library = Path.Combine(Path.GetDirectoryName(project.Directory)!, "Demo.Model");
        WriteLibrary(library, pathMap: false);
        project.ExtraProjectXml = $"""  <ItemGroup><ProjectReference Include="{library}/Demo.Model.csproj" /></ItemGroup>""";
        project.WriteFile("Functions.cs", ProjectSources.Functions());

        var unmapped = await project.BuildSuccessfullyAsync();

        Assert.Contains("warning SUBB011", unmapped.Output, StringComparison.Ordinal);
        Assert.Contains($"Demo.Model.dll records the path '{Path.Combine(library, "obj", "Debug", "net10.0", "Demo.Model.pdb")}' of this machine", unmapped.Output, StringComparison.Ordinal);
        Assert.Contains("<PathMap>$(MSBuildProjectDirectory)/=/_/</PathMap>", unmapped.Output, StringComparison.Ordinal);
        // The project's own dll is mapped: only the library is named.
        Assert.DoesNotContain("Demo.WithLibrary.dll records", unmapped.Output, StringComparison.Ordinal);

        WriteLibrary(library, pathMap: true);
        var mapped = await project.BuildSuccessfullyAsync();

        Assert.DoesNotContain("SUBB011", mapped.Output, StringComparison.Ordinal);
        Assert.Null(DebugPathReader.LocalPdbPath(ZipContents.ReadBytes(Path.Combine(project.FunctionsDirectory, "train.zip"), "Demo.Model.dll")));
    }

    [Fact]
    public async Task Local_paths_can_be_kept_and_are_then_not_reported()
    {
        using var project = TestProject.Create("Demo.LocalPaths", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        project.SetProperty("SubstraDeterministicSourcePaths", "false");

        var result = await project.BuildSuccessfullyAsync();

        Assert.Equal(
            Path.Combine(project.Directory, "obj", "Debug", "net10.0", "Demo.LocalPaths.pdb"),
            DebugPathReader.LocalPdbPath(ZipContents.ReadBytes(Path.Combine(project.FunctionsDirectory, "train.zip"), "Demo.LocalPaths.dll")));
        Assert.DoesNotContain("SUBB011", result.Output, StringComparison.Ordinal);
    }

    private const string WeightsSource = """
        using System.Runtime.CompilerServices;

        namespace Demo.Model;

        public static class Weights
        {
            // [CallerFilePath] is a compile-time constant: a local path here would change the dll.
            public static string Origin([CallerFilePath] string file = "") => file;
        }
        """;

    private static void WriteLibrary(string directory, bool pathMap)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Weights.cs"), WeightsSource);
        File.WriteAllText(Path.Combine(directory, "Demo.Model.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                {(pathMap ? "<PathMap>$(MSBuildProjectDirectory)/=/_/</PathMap>" : string.Empty)}
              </PropertyGroup>
            </Project>
            """);
    }
}

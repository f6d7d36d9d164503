using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Packaging;

/// <summary>
/// The build tasks are found through the build itself, not at a bin/ path: function projects build with any output
/// layout, in this repository (eng/Substra.FromSource.targets) as outside it.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class OutputLayoutTests
{
    [Fact]
    public async Task Repository_function_project_builds_with_an_artifacts_path_and_the_same_archives_in_any_of_them()
    {
        using var temporary = new TemporaryFolder();
        // Two artifacts folders: every project (runtime, tasks, function) is compiled in each, in different folders.
        // No ',' or quote in them: the CLI passes --artifacts-path on as a global property, unescaped, and the SDK's own
        // copy targets break on those (a comma splits the property, a quote ends a transform).
        var artifactsPaths = new[] { Path.Combine(temporary.Path, "a"), Path.Combine(temporary.Path, "colleague artifacts=2") };
        foreach (var artifactsPath in artifactsPaths)
        {
            var build = await DotNetCli.RunAsync(RepositoryLayout.Root, null,
                "build", RepositoryLayout.TrivialFunctionProject, "-nodeReuse:false", "--artifacts-path", artifactsPath);
            Assert.True(build.Succeeded, build.ToString());
            Assert.DoesNotContain("MSB4062", build.Output, StringComparison.Ordinal);
        }

        var functions = artifactsPaths.Select(path => Path.Combine(path, "bin", "Substra.Bench.TrivialFunction", "debug", "substra", "functions")).ToList();
        Assert.Contains("copy.zip", Directory.GetFiles(functions[0]).Select(Path.GetFileName));
        // The tasks came from the artifacts folder too: nothing was built into the repository.
        Assert.True(File.Exists(Path.Combine(artifactsPaths[0], "bin", "Substra.Build", "debug", "Substra.Build.dll")));
        var differences = ArtifactComparison.Differences(functions[0], functions[1]);
        Assert.True(differences.Count == 0, $"The two artifacts folders hold different archives:\n{string.Join('\n', differences)}");
    }

    [Fact]
    public async Task Project_with_UseArtifactsOutput_builds_its_archives_and_a_second_build_rewrites_nothing()
    {
        using var project = TestProject.Create("Demo.Layout", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        // Where the SDK requires it: in Directory.Build.props, so that it applies before the SDK picks the folders.
        project.WriteFile("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <UseArtifactsOutput>true</UseArtifactsOutput>
              </PropertyGroup>
            </Project>
            """);

        await project.BuildSuccessfullyAsync();

        var functions = Path.Combine(project.Directory, "artifacts", "bin", "Demo.Layout", "debug", "substra", "functions");
        Assert.Equal(["predict.json", "predict.md", "predict.zip", "train.json", "train.md", "train.zip"],
            Directory.GetFiles(functions).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(project.Directory, "bin")));

        var artifacts = Path.Combine(project.Directory, "artifacts");
        var before = FileSnapshot.Take(artifacts);
        await project.BuildSuccessfullyAsync();
        Assert.Empty(FileSnapshot.Take(artifacts).ChangedSince(before));
    }
}

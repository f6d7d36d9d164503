using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Functions;

[Collection(BuildCollection.Name)]
public sealed class IncrementalBuildTests
{
    [Fact]
    public async Task Editing_one_function_rewrites_only_what_depends_on_it()
    {
        using var project = TestProject.Create("Demo.Edit", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        await project.BuildSuccessfullyAsync();
        var before = FileSnapshot.Take(project.FunctionsDirectory);

        project.WriteFile("Functions.cs", ProjectSources.Functions(trainDescription: "Trains the model, now with momentum."));
        await project.BuildSuccessfullyAsync();

        // The application changed, so both archives carry the new dll; train's description changed; nothing else did.
        Assert.Equal(["predict.zip", "train.md", "train.zip"], FileSnapshot.Take(project.FunctionsDirectory).ChangedSince(before));
        Assert.Equal("Trains the model, now with momentum.\n", File.ReadAllText(Path.Combine(project.FunctionsDirectory, "train.md")));
    }

    [Fact]
    public async Task Removed_function_loses_its_artifacts_and_a_property_change_is_picked_up()
    {
        using var project = TestProject.Create("Demo.Remove", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions(extraFunctions: 1));
        await project.BuildSuccessfullyAsync();
        Assert.True(File.Exists(Path.Combine(project.FunctionsDirectory, "extra1.zip")));

        project.WriteFile("Functions.cs", ProjectSources.Functions());
        await project.BuildSuccessfullyAsync("-p:SubstraBaseImage=registry.example:5000/team/dotnet-runtime:10.0-noble");

        Assert.False(File.Exists(Path.Combine(project.FunctionsDirectory, "extra1.zip")));
        Assert.False(File.Exists(Path.Combine(project.FunctionsDirectory, "extra1.json")));
        Assert.StartsWith(
            "FROM registry.example:5000/team/dotnet-runtime:10.0-noble\n",
            ZipContents.ReadText(Path.Combine(project.FunctionsDirectory, "train.zip"), "Dockerfile"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packaging_can_be_disabled()
    {
        using var project = TestProject.Create("Demo.Disabled", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        project.SetProperty("SubstraPackage", "false");

        await project.BuildSuccessfullyAsync();

        Assert.True(File.Exists(Path.Combine(project.OutputDirectory, "Demo.Disabled.dll")));
        Assert.False(Directory.Exists(project.FunctionsDirectory));
    }
}

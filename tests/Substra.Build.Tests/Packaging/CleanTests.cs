using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Packaging;

[Collection(BuildCollection.Name)]
public sealed class CleanTests
{
    [Fact]
    public async Task Dotnet_clean_removes_the_artifacts()
    {
        using var project = TestProject.Create("Demo.Clean", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        await project.BuildSuccessfullyAsync();
        Assert.NotEmpty(Directory.GetFiles(project.FunctionsDirectory));

        var clean = await project.CleanAsync();

        Assert.True(clean.Succeeded, clean.ToString());
        Assert.Empty(Directory.Exists(project.FunctionsDirectory) ? Directory.GetFiles(project.FunctionsDirectory) : []);

        // And the next build brings them back.
        await project.BuildSuccessfullyAsync();
        Assert.Equal(6, Directory.GetFiles(project.FunctionsDirectory).Length);
    }
}

using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Openers;

[Collection(BuildCollection.Name)]
public sealed class OpenerArtifactTests
{
    [Fact]
    public async Task Opener_project_yields_one_opener_artifact_and_its_description()
    {
        using var project = TestProject.Create("Demo.Data", "Library");
        project.WriteFile("MnistOpener.cs", ProjectSources.Opener);

        await project.BuildSuccessfullyAsync();

        Assert.Equal(["mnist.md", "mnist.opener"], Directory.GetFiles(project.OpenersDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(project.FunctionsDirectory));
        var opener = Path.Combine(project.OpenersDirectory, "mnist.opener");
        Assert.Equal(
            $$"""{"format":"substra-dotnet-opener","version":1,"name":"mnist","assembly":"Demo.Data.dll","factory":"{{ProjectSources.OpenerFactory}}"}""",
            ZipContents.ReadText(opener, "substra-opener.json"));
        var names = ZipContents.Names(opener);
        Assert.Contains("Demo.Data.dll", names);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.All(ZipContents.Entries(opener), entry => Assert.Equal(new DateTime(1980, 1, 1), entry.LastWriteTime.DateTime));
        Assert.Equal("Reads MNIST samples.\n", File.ReadAllText(Path.Combine(project.OpenersDirectory, "mnist.md")));
    }
}

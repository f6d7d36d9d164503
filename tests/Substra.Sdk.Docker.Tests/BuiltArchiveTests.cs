using System.Security.Cryptography;
using Substra.Build.Tests.Infrastructure;
using Substra.Sdk.Docker;

namespace Substra.Sdk.Docker.Tests;

/// <summary>The archive that `dotnet build` writes for a C# function project builds and runs here unchanged.</summary>
[Collection(DockerCollection.Name)]
public sealed class BuiltArchiveTests : IDisposable
{
    private readonly TaskWorkspace _task = new();

    [Fact]
    public async Task Archive_from_dotnet_build_builds_on_the_offline_base_image_and_runs()
    {
        using var project = TestProject.Create("Demo.Functions", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        await project.BuildSuccessfullyAsync();
        var archivePath = Path.Combine(project.FunctionsDirectory, "predict.zip");
        string checksum;
        await using (var stream = File.OpenRead(archivePath))
        {
            checksum = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
        }

        _task.AddModelInput("model", "a model from another task");
        var output = _task.AddOutput("predictions");
        await using var spawner = new DockerSpawner();

        await spawner.SpawnAsync(_task.Request(new FunctionArchive(archivePath, checksum)), new CancellationTokenSource(TimeSpan.FromMinutes(10)).Token);

        Assert.Equal("a model from another task", await File.ReadAllTextAsync(output));
    }

    public void Dispose() => _task.Dispose();
}

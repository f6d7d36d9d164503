namespace Substra.Sdk.Consumer.Tests;

/// <summary>A console app that references Substra.Sdk.Docker: Docker.DotNet comes with it and docker clients work.</summary>
[Collection(DotnetBuildsCollection.Name)]
public sealed class DockerAppTests
{
    private const string Program = """
        using Substra.Sdk;
        using Substra.Sdk.Configuration;
        using Substra.Sdk.Docker;
        using Substra.Sdk.Local.Platform;

        var workspace = args[0];
        await using (var client = new SubstraClient(new SubstraClientOptions
        {
            BackendType = BackendType.LocalDocker, WorkspaceDirectory = workspace, ClientName = "org-1",
        }.UseDocker()))
        {
            Console.WriteLine($"docker client of {(await client.OrganizationInfoAsync()).OrganizationId}");
        }

        await using (var platform = await LocalPlatform.OpenAsync(new LocalPlatformOptions { WorkspaceDirectory = workspace }.WithDocker()))
        {
            await using var client = platform.CreateClient(new SubstraClientOptions { BackendType = BackendType.LocalDocker, ClientName = "org-2" });
            Console.WriteLine($"platform docker client of {(await client.OrganizationInfoAsync()).OrganizationId}");
            // Docker.DotNet loaded and the engine answered: no container has this platform's label.
            Console.WriteLine($"removed {await DockerCleanup.RemovePlatformContainersAsync(platform.PlatformId)} containers");
        }
        """;

    [Fact]
    public async Task Its_output_has_Docker_DotNet_and_it_creates_docker_clients_that_reach_the_engine()
    {
        using var app = new ConsumerApp(Program, "src/Substra.Sdk.Docker/Substra.Sdk.Docker.csproj");
        await app.BuildAsync();

        var files = app.OutputFiles;
        Assert.Contains("Docker.DotNet.dll", files);
        Assert.Contains("Substra.Sdk.Docker.dll", files);

        var run = await app.RunAsync(Path.Combine(app.Root, "local-worker"));
        Assert.Contains("docker client of ", run, StringComparison.Ordinal);
        Assert.Contains("platform docker client of ", run, StringComparison.Ordinal);
        Assert.Contains("removed 0 containers", run, StringComparison.Ordinal);
    }
}

using Docker.DotNet;
using Docker.DotNet.Models;
using Substra.Sdk.Docker;

namespace Substra.Sdk.Docker.Tests;

/// <summary>The real engine the tests run on; fails (never skips) when it or the base images are missing.</summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    public const string PythonImage = "substra-python:3.11";
    public const string DotnetRuntimeImage = "mcr.microsoft.com/dotnet/runtime:10.0";

    public DockerClient Client { get; } = new DockerClientBuilder().Build();

    public async Task InitializeAsync()
    {
        try
        {
            await Client.System.PingAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"The Docker tests need an engine and none answers at {Client.Options.Endpoint} ({e.GetBaseException().Message}). " +
                "Run scripts/docker/start-engine.sh then scripts/docker/make-base-images.sh (as root).", e);
        }

        foreach (var image in new[] { PythonImage, DotnetRuntimeImage })
        {
            try
            {
                await Client.Images.InspectImageAsync(image);
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"The base image {image} is missing. Run scripts/docker/make-base-images.sh (as root).", e);
            }
        }
    }

    public async Task<IList<ContainerListResponse>> ContainersOfTaskAsync(string taskKey) =>
        await Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["name"] = new Dictionary<string, bool> { [DockerSpawner.ContainerNamePrefix(taskKey)] = true },
            },
        });

    /// <summary>Every container of a spawner's platform, running or not, spares included.</summary>
    public async Task<IList<ContainerListResponse>> ContainersOfPlatformAsync(string platformId) =>
        await Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.PlatformId}={platformId}"] = true },
            },
        });

    /// <summary>The containers a spawner of the platform created ahead and that still wait for a task.</summary>
    public async Task<List<ContainerListResponse>> SparesOfPlatformAsync(string platformId) =>
        [.. (await ContainersOfPlatformAsync(platformId)).Where(container => container.Names.Any(name => name.TrimStart('/').StartsWith("substra-spare-", StringComparison.Ordinal)))];

    public async Task RemoveImageAsync(string archiveChecksum)
    {
        try
        {
            await Client.Images.DeleteImageAsync(DockerSpawner.ImageTag(archiveChecksum), new ImageDeleteParameters { Force = true });
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerEngineFixture>
{
    public const string Name = "docker engine";
}

using Docker.DotNet;
using Docker.DotNet.Models;

namespace Substra.Sdk.Docker;

/// <summary>Finds and removes what the docker backend left on an engine (kept failed containers, killed runs, images).</summary>
public static class DockerCleanup
{
    /// <summary>
    /// Removes the stopped containers labelled <c>substra.framework=1</c> (running ones too, killed, when
    /// <paramref name="includeRunning"/>: tasks of a process that died) and, when <paramref name="includeImages"/>, every
    /// <c>function-*</c> image built by the backend. Returns the number of removed objects.
    /// </summary>
    public static async Task<int> RemoveLeftoversAsync(Uri? endpoint = null, bool includeRunning = false, bool includeImages = false,
        CancellationToken cancellationToken = default)
    {
        using var engine = DockerEngine.Connect(endpoint);
        await engine.EnsureAnswersAsync(cancellationToken).ConfigureAwait(false);
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Framework}=1"] = true } };

        var removed = 0;
        var containers = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, cancellationToken).ConfigureAwait(false);
        foreach (var container in containers.Where(c => includeRunning || c.State is not ("running" or "restarting" or "paused")))
        {
            try
            {
                await engine.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
                removed++;
            }
            catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
            {
                // Removed meanwhile, or its spawner is removing it right now.
            }
        }

        if (includeImages)
        {
            var images = await engine.Client.Images.ListImagesAsync(new ImagesListParameters { Filters = filter }, cancellationToken).ConfigureAwait(false);
            foreach (var image in images)
            {
                try
                {
                    await engine.Client.Images.DeleteImageAsync(image.ID, new ImageDeleteParameters { Force = true }, cancellationToken).ConfigureAwait(false);
                    removed++;
                }
                catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
                {
                    // Removed meanwhile, or still used by a container.
                }
            }
        }

        return removed;
    }

    /// <summary>
    /// Kills and removes every container of the platform <paramref name="platformId"/> (label <c>substra.platform_id</c>),
    /// running or not: what a host killed with its tasks running left behind. A platform calls it when it reopens its
    /// workspace, before running tasks again. Returns the number of removed containers.
    /// </summary>
    public static async Task<int> RemovePlatformContainersAsync(string platformId, Uri? endpoint = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(platformId);
        using var engine = DockerEngine.Connect(endpoint);
        await engine.EnsureAnswersAsync(cancellationToken).ConfigureAwait(false);
        var filter = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.PlatformId}={platformId}"] = true },
        };
        var containers = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var container in containers)
        {
            try
            {
                await engine.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
                removed++;
            }
            catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
            {
                // Removed meanwhile.
            }
        }

        return removed;
    }
}

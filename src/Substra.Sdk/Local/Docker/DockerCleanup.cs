using Docker.DotNet;
using Docker.DotNet.Models;

namespace Substra.Sdk.Local.Docker;

/// <summary>Finds and removes what the docker backend left on an engine (kept failed containers, killed runs, images).</summary>
public static class DockerCleanup
{
    /// <summary>
    /// Removes every container labelled <c>substra.framework=1</c> (running ones are killed) and, when
    /// <paramref name="includeImages"/>, every <c>function-*</c> image built by the backend. Returns the number of removed objects.
    /// </summary>
    public static async Task<int> RemoveLeftoversAsync(Uri? endpoint = null, bool includeImages = false, CancellationToken cancellationToken = default)
    {
        using var engine = DockerEngine.Connect(endpoint);
        await engine.EnsureAnswersAsync(cancellationToken);
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.Framework}=1"] = true } };

        var removed = 0;
        var containers = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, cancellationToken);
        foreach (var container in containers)
        {
            try
            {
                await engine.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, cancellationToken);
                removed++;
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Removed meanwhile.
            }
        }

        if (includeImages)
        {
            var images = await engine.Client.Images.ListImagesAsync(new ImagesListParameters { Filters = filter }, cancellationToken);
            foreach (var image in images)
            {
                try
                {
                    await engine.Client.Images.DeleteImageAsync(image.ID, new ImageDeleteParameters { Force = true }, cancellationToken);
                    removed++;
                }
                catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    // Removed meanwhile.
                }
            }
        }

        return removed;
    }
}

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
        var filter = LabelFilter($"{DockerLabels.Framework}=1");

        var containers = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, cancellationToken).ConfigureAwait(false);
        var removed = await RemoveEachAsync(
            containers.Where(c => includeRunning || c.State is not ("running" or "restarting" or "paused")).Select(c => c.ID),
            (id, token) => engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, token),
            cancellationToken).ConfigureAwait(false);

        if (includeImages)
        {
            var images = await engine.Client.Images.ListImagesAsync(new ImagesListParameters { Filters = filter }, cancellationToken).ConfigureAwait(false);
            // An image still used by a container answers Conflict: it stays.
            removed += await RemoveEachAsync(
                images.Select(i => i.ID),
                (id, token) => engine.Client.Images.DeleteImageAsync(id, new ImageDeleteParameters { Force = true }, token),
                cancellationToken).ConfigureAwait(false);
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
        var filter = LabelFilter($"{DockerLabels.PlatformId}={platformId}");
        var containers = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, cancellationToken).ConfigureAwait(false);
        return await RemoveEachAsync(
            containers.Select(c => c.ID),
            (id, token) => engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, token),
            cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, IDictionary<string, bool>> LabelFilter(string label) =>
        new() { ["label"] = new Dictionary<string, bool> { [label] = true } };

    /// <summary>Removes each object; one removed meanwhile (NotFound) or being removed or used right now (Conflict) is skipped.</summary>
    private static async Task<int> RemoveEachAsync(IEnumerable<string> ids, Func<string, CancellationToken, Task> remove, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var id in ids)
        {
            try
            {
                await remove(id, cancellationToken).ConfigureAwait(false);
                removed++;
            }
            catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
            {
            }
        }

        return removed;
    }
}

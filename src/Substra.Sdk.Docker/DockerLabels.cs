namespace Substra.Sdk.Docker;

/// <summary>Labels on every container and image the docker backend creates, so that leftovers can be found.</summary>
public static class DockerLabels
{
    /// <summary>Marks everything created by Substra.Framework (value <c>1</c>).</summary>
    public const string Framework = "substra.framework";

    /// <summary>
    /// The platform whose spawner created a container (<see cref="DockerSpawnerOptions.PlatformId"/>), so that
    /// <see cref="DockerCleanup.RemovePlatformContainersAsync"/> finds what a dead host left running.
    /// </summary>
    public const string PlatformId = "substra.platform_id";

    /// <summary>The SHA-256 of the function archive an image was built from.</summary>
    public const string ArchiveChecksum = "substra.archive_checksum";
}

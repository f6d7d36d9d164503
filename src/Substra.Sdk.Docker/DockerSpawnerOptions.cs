using Substra.Sdk.Local.Compute.Archives;

namespace Substra.Sdk.Docker;

/// <summary>How the docker backend talks to the engine and confines task containers.</summary>
public sealed record DockerSpawnerOptions
{
    /// <summary>The reference's shared-memory size for task containers: 8 GB.</summary>
    public const long DefaultShmSizeBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>The engine endpoint (<c>unix:///…</c>, <c>tcp://…</c>); <c>null</c> uses <c>DOCKER_HOST</c>, else the default unix socket.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>CPU limit per task container, in CPUs (e.g. 1.5); <c>null</c> for no limit.</summary>
    public double? Cpus { get; init; }

    /// <summary>Memory limit per task container, in bytes; <c>null</c> for no limit.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>Size of <c>/dev/shm</c> in task containers, in bytes (reference default 8 GB).</summary>
    public long ShmSizeBytes { get; init; } = DefaultShmSizeBytes;

    /// <summary>
    /// The user (<c>uid[:gid]</c>) that runs the task when the image itself would run as root; <c>null</c> keeps the image's user.
    /// An image that declares a non-root <c>USER</c> always keeps it.
    /// </summary>
    public string? NonRootUser { get; init; } = "1000:1000";

    /// <summary>
    /// The id put on every task container as the <c>substra.platform_id</c> label, so that
    /// <see cref="DockerCleanup.RemovePlatformContainersAsync"/> removes what a killed host left running. A platform passes
    /// its persistent workspace id; <c>null</c>: a fresh random id per spawner.
    /// </summary>
    public string? PlatformId { get; init; }

    /// <summary>Keeps the container of a task that exited non-zero (for <c>docker logs</c> / <c>docker inspect</c>); removed otherwise.</summary>
    public bool KeepFailedContainers { get; init; }

    /// <summary>
    /// Creates a function's next container while its current task runs, so that the next task of the function (with the
    /// same data samples) starts one that exists instead of waiting for the engine to create it; a container created
    /// ahead runs one task at most. On by default (Linux hosts); off: every container is created when its task starts.
    /// </summary>
    public bool PrepareContainersAhead { get; init; } = true;

    /// <summary>How far a function archive may expand when it becomes a build context; <c>null</c> for <see cref="ArchiveLimits.Default"/>.</summary>
    public ArchiveLimits? ArchiveLimits { get; init; }

    /// <summary>
    /// The defaults overridden by <c>SUBSTRA_DOCKER_CPUS</c> (e.g. 1.5), <c>SUBSTRA_DOCKER_MEMORY</c> and <c>SUBSTRA_DOCKER_SHM_SIZE</c>
    /// (bytes, or with a k/m/g suffix: 512m, 8g), <c>SUBSTRA_DOCKER_USER</c> (uid[:gid], or <c>image</c> for the image's own user),
    /// <c>SUBSTRA_DOCKER_KEEP_FAILED_CONTAINERS</c> and <c>SUBSTRA_DOCKER_PREPARE_AHEAD</c> (true/false). The engine comes from <c>DOCKER_HOST</c>.
    /// </summary>
    public static DockerSpawnerOptions FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var options = new DockerSpawnerOptions();
        if (Value("SUBSTRA_DOCKER_CPUS") is { } cpus)
        {
            options = options with
            {
                Cpus = double.TryParse(cpus, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                    ? parsed
                    : throw new ArgumentException($"SUBSTRA_DOCKER_CPUS='{cpus}' is not a positive number of CPUs (e.g. 2 or 1.5)."),
            };
        }

        if (Value("SUBSTRA_DOCKER_MEMORY") is { } memory) options = options with { MemoryBytes = ParseSize("SUBSTRA_DOCKER_MEMORY", memory) };
        if (Value("SUBSTRA_DOCKER_SHM_SIZE") is { } shm) options = options with { ShmSizeBytes = ParseSize("SUBSTRA_DOCKER_SHM_SIZE", shm) };
        if (Value("SUBSTRA_DOCKER_USER") is { } user) options = options with { NonRootUser = user == "image" ? null : user };
        if (Value("SUBSTRA_DOCKER_KEEP_FAILED_CONTAINERS") is { } keep)
        {
            options = options with { KeepFailedContainers = ParseBoolean("SUBSTRA_DOCKER_KEEP_FAILED_CONTAINERS", keep) };
        }

        if (Value("SUBSTRA_DOCKER_PREPARE_AHEAD") is { } ahead)
        {
            options = options with { PrepareContainersAhead = ParseBoolean("SUBSTRA_DOCKER_PREPARE_AHEAD", ahead) };
        }

        return options;

        string? Value(string name) => read(name) is { Length: > 0 } value ? value.Trim() : null;
    }

    private static bool ParseBoolean(string variable, string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new ArgumentException($"{variable}='{text}' is not a boolean (true or false)."),
    };

    private static long ParseSize(string variable, string text)
    {
        var multiplier = char.ToLowerInvariant(text[^1]) switch { 'k' => 1024L, 'm' => 1024L * 1024, 'g' => 1024L * 1024 * 1024, _ => 1L };
        var digits = multiplier == 1 ? text : text[..^1];
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? checked(value * multiplier)
            : throw new ArgumentException($"{variable}='{text}' is not a size in bytes (e.g. 536870912, 512m or 8g).");
    }
}

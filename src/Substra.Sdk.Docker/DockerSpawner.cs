using Docker.DotNet;
using Docker.DotNet.Models;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Archives;

namespace Substra.Sdk.Docker;

/// <summary>
/// Runs tasks in containers of the image built from the function archive (the reference's docker spawner, confined):
/// no network, no privileges, no new privileges, a non-root user, read-only inputs and data samples bind-mounted read-only.
/// Off the tasks' critical path: the image is looked up once, the next container of a function is created while its
/// current task runs (<see cref="SpareContainers"/>), and exited containers are removed in the background.
/// </summary>
internal sealed class DockerSpawner : ITaskSpawner, IMountsInputsReadOnly
{
    /// <summary>Where the task's folders are mounted in the container (the platform's paths).</summary>
    public const string InputsPath = "/substra_internal/inputs";

    /// <inheritdoc cref="InputsPath"/>
    public const string OutputsPath = "/substra_internal/outputs";

    /// <inheritdoc cref="InputsPath"/>
    public const string CliArgsPath = "/substra_internal/cli-args";

    private readonly DockerSpawnerOptions _options;
    private readonly DockerEngine _engine;
    private readonly FunctionImages _images;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _running = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> _removals = new();
    private readonly SpareContainers? _spares;
    private readonly Lock _sparesGate = new();
    private Task? _leftoverSpares;

    /// <summary>Connects to the engine of <paramref name="options"/> (lazily: nothing is sent before the first task).</summary>
    public DockerSpawner(DockerSpawnerOptions? options = null)
    {
        _options = options ?? new DockerSpawnerOptions();
        if (_options.ShmSizeBytes <= 0) throw new ArgumentException($"ShmSizeBytes must be positive, got {_options.ShmSizeBytes}.", nameof(options));
        if (_options.MemoryBytes is <= 0) throw new ArgumentException($"MemoryBytes must be positive or null, got {_options.MemoryBytes}.", nameof(options));
        if (_options.Cpus is { } cpus && (cpus <= 0 || double.IsNaN(cpus))) throw new ArgumentException($"Cpus must be positive or null, got {cpus}.", nameof(options));
        if (_options.PlatformId is "") throw new ArgumentException("PlatformId must be a non-empty id (or null for a random one).", nameof(options));
        PlatformId = _options.PlatformId ?? Guid.NewGuid().ToString("N");
        _engine = DockerEngine.Connect(_options.Endpoint);
        _images = new FunctionImages(_engine, _options.ArchiveLimits ?? ArchiveLimits.Default);
        // Spares bind their volumes through a symbolic link the engine resolves on this machine's file system.
        _spares = _options.PrepareContainersAhead && OperatingSystem.IsLinux() ? new SpareContainers(_engine, CreateParameters) : null;
    }

    /// <summary>The id labelling every container of this spawner (<see cref="DockerLabels.PlatformId"/>).</summary>
    public string PlatformId { get; }

    /// <summary>True when the spawner creates containers ahead of their tasks (<see cref="DockerSpawnerOptions.PrepareContainersAhead"/>, on Linux).</summary>
    internal bool PreparesContainersAhead => _spares is not null;

    /// <summary>The engine endpoint in use.</summary>
    public Uri Endpoint => _engine.Endpoint;

    /// <summary>Number of image builds this spawner ran (a reused image builds nothing).</summary>
    public int BuildCount => _images.BuildCount;

    /// <summary>The image tag of an archive: <c>function-&lt;sha256&gt;</c>.</summary>
    public static string ImageTag(string archiveChecksum) => FunctionImages.TagFor(archiveChecksum);

    /// <summary>
    /// How the containers of a task are named: <c>substra-task-&lt;task key&gt;-</c> and 8 hex digits (a container created
    /// ahead of its task takes this name when the task takes it).
    /// </summary>
    public static string ContainerNamePrefix(string taskKey) => $"substra-task-{SanitizeName(taskKey)}-";

    /// <summary>Builds (or finds) the archive's image without running anything; returns its image id.</summary>
    public async Task<string> EnsureImageAsync(string archivePath, string archiveChecksum, CancellationToken cancellationToken)
    {
        await _engine.EnsureAnswersAsync(cancellationToken).ConfigureAwait(false);
        return (await _images.EnsureAsync(archivePath, archiveChecksum, cancellationToken).ConfigureAwait(false)).Id;
    }

    /// <inheritdoc />
    public async Task SpawnAsync(SpawnRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionImages.TagFor(request.ArchiveChecksum); // a bad checksum fails before the engine is asked anything
        await _engine.EnsureAnswersAsync(cancellationToken).ConfigureAwait(false);
        if (_spares is not null)
        {
            await RemoveLeftoverSparesOnceAsync(cancellationToken).ConfigureAwait(false);
        }

        var image = await _images.EnsureAsync(request.ArchivePath, request.ArchiveChecksum, cancellationToken).ConfigureAwait(false);
        var folders = TaskFolders.Prepare(request);
        var recipe = ContainerRecipe.For(image, request);
        SpareContainers.Spare? spare = null;
        try
        {
            if (_spares is not null)
            {
                spare = await _spares.TakeAsync(recipe, cancellationToken).ConfigureAwait(false);
            }

            var (containerId, fromSpare) = await ContainerForAsync(request, recipe, folders, spare, cancellationToken).ConfigureAwait(false);
            var exitCode = await RunAsync(request, image.Tag, containerId, fromSpare ? spare : null,
                () => _spares?.PrepareNext(recipe, Path.GetDirectoryName(folders.Root)!), cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                if (_options.KeepFailedContainers)
                {
                    await request.LogWriter.WriteLineAsync($"The container {containerId[..12]} of task {request.TaskKey} is kept (KeepFailedContainers).").ConfigureAwait(false);
                }
                else
                {
                    RemoveLater(containerId);
                }

                // The reference's message (docs/compatibility.md#docker-spawner).
                throw new ExecutionException($"Container '{image.Tag}' exited with status code '{exitCode}'", (int)exitCode);
            }

            RemoveLater(containerId);
        }
        finally
        {
            _spares?.End(recipe);
        }
    }

    /// <summary>
    /// The task's container: the spare taken for it, named after the task and bound to its folders, else one created
    /// now. From here on it is the spawner's to kill on cancel and disposal.
    /// </summary>
    private async Task<(string ContainerId, bool FromSpare)> ContainerForAsync(
        SpawnRequest request, ContainerRecipe recipe, TaskFolders folders, SpareContainers.Spare? spare, CancellationToken cancellationToken)
    {
        var name = ContainerNamePrefix(request.TaskKey) + Guid.NewGuid().ToString("N")[..8];
        if (spare is not null)
        {
            _running[spare.ContainerId] = 0;
            if (await _spares!.AssignAsync(spare, folders.Root, name).ConfigureAwait(false))
            {
                return (spare.ContainerId, true);
            }

            _running.TryRemove(spare.ContainerId, out _);
        }

        var containerId = await TryCreateAsync(request, recipe, name, folders.Root).ConfigureAwait(false);
        if (containerId is null)
        {
            // The remembered image was removed behind our back (docker rmi, cleanup --images): find or build it again, once.
            _images.Forget(recipe.Image.Tag);
            var image = await _images.EnsureAsync(request.ArchivePath, request.ArchiveChecksum, cancellationToken).ConfigureAwait(false);
            containerId = await TryCreateAsync(request, recipe with { Image = image }, name, folders.Root).ConfigureAwait(false) ?? throw new InvalidOperationException(
                $"The Docker engine lost the image {image.Tag} right after building or finding it: is another program removing images?");
        }

        _running[containerId] = 0;
        return (containerId, false);
    }

    /// <summary>Creates the task's container; null when the engine has no such image.</summary>
    private async Task<string?> TryCreateAsync(SpawnRequest request, ContainerRecipe recipe, string name, string volumesRoot)
    {
        try
        {
            // Not cancelable: a container created after the request was given up on would have no owner.
            return (await _engine.Client.Containers.CreateContainerAsync(CreateParameters(recipe, name, volumesRoot), CancellationToken.None).ConfigureAwait(false)).ID;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (DockerApiException e)
        {
            throw new InvalidOperationException($"The Docker engine refused to create the container of task {request.TaskKey}: {e.ResponseBody}", e);
        }
    }

    /// <summary>
    /// Starts the container (then calls <paramref name="started"/>), copies its output to the task's log and returns its
    /// exit code; a cancellation or a timeout kills and removes it.
    /// </summary>
    private async Task<long> RunAsync(
        SpawnRequest request, string tag, string containerId, SpareContainers.Spare? spare, Action started, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource();
        if (request.Timeout is { } limit) timeout.CancelAfter(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            try
            {
                await _engine.Client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), linked.Token).ConfigureAwait(false);
            }
            finally
            {
                if (spare is not null)
                {
                    // Its mounts are made (or will never be): the slot's link has served.
                    SpareContainers.ReleaseSlot(spare);
                }
            }

            started();

            using (var logs = await _engine.Client.Containers.GetContainerLogsAsync(
                       containerId, new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true }, linked.Token).ConfigureAwait(false))
            {
                await ContainerLogPump.CopyLinesAsync(logs, request.LogWriter, linked.Token).ConfigureAwait(false);
            }

            return (await _engine.Client.Containers.WaitContainerAsync(containerId, linked.Token).ConfigureAwait(false)).StatusCode;
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            await KillAndRemoveAsync(containerId).ConfigureAwait(false);
            if (!cancellationToken.IsCancellationRequested)
            {
                throw new ExecutionException(
                    $"Task {request.TaskKey} did not finish within {request.Timeout}: its container ({tag}) was killed.");
            }

            throw;
        }
        catch (DockerApiException e)
        {
            await KillAndRemoveAsync(containerId).ConfigureAwait(false);
            throw new InvalidOperationException($"The Docker engine failed running task {request.TaskKey}: {e.ResponseBody}", e);
        }
        finally
        {
            _running.TryRemove(containerId, out _);
        }
    }

    /// <summary>A task's container, named <paramref name="name"/>, with its volumes in <paramref name="volumesRoot"/>.</summary>
    private CreateContainerParameters CreateParameters(ContainerRecipe recipe, string name, string volumesRoot)
    {
        var mounts = new List<Mount>
        {
            Bind(Path.Combine(volumesRoot, "inputs"), InputsPath, readOnly: true),
            Bind(Path.Combine(volumesRoot, "outputs"), OutputsPath, readOnly: false),
            Bind(Path.Combine(volumesRoot, "cli-args"), CliArgsPath, readOnly: true),
        };
        foreach (var (sampleKey, samplePath) in recipe.Samples)
        {
            mounts.Add(Bind(samplePath, $"{InputsPath}/{sampleKey}", readOnly: true));
        }

        return new CreateContainerParameters
        {
            Image = recipe.Image.Tag,
            Name = name,
            Cmd = [$"@{CliArgsPath}/{TaskArgumentsFile.FileName}"],
            User = ChooseUser(recipe.Image.User) ?? "",
            // With NetworkMode none below: the engine gives the container a network namespace of its own with nothing but
            // a loopback, without building a network sandbox for it (which costs ~80 ms per start and isolates no better).
            NetworkDisabled = true,
            Labels = new Dictionary<string, string>
            {
                [DockerLabels.Framework] = "1",
                [DockerLabels.PlatformId] = PlatformId,
                [DockerLabels.ArchiveChecksum] = recipe.ArchiveChecksum,
            },
            HostConfig = new HostConfig
            {
                Mounts = mounts,
                NetworkMode = "none",
                Privileged = false,
                CapDrop = ["ALL"],
                SecurityOpt = ["no-new-privileges"],
                ShmSize = _options.ShmSizeBytes,
                Memory = _options.MemoryBytes ?? 0,
                NanoCPUs = _options.Cpus is { } cpus ? (long)(cpus * 1e9) : 0,
            },
        };
    }

    /// <summary>Once per spawner: the spares a previous host of the platform left (best effort, the tasks do not need it).</summary>
    private async Task RemoveLeftoverSparesOnceAsync(CancellationToken cancellationToken)
    {
        Task removal;
        lock (_sparesGate)
        {
            removal = _leftoverSpares ??= RemoveLeftoverSparesAsync();
        }

        await removal.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveLeftoverSparesAsync()
    {
        try
        {
            await SpareContainers.RemoveLeftoversAsync(_engine, PlatformId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            // Left for DockerCleanup: they never started, they hold nothing.
        }
    }

    /// <summary>The image's own non-root user wins; an image running as root gets the configured non-root user.</summary>
    private string? ChooseUser(string? imageUser)
    {
        var runsAsRoot = string.IsNullOrEmpty(imageUser) || imageUser is "root" or "0"
            || imageUser.StartsWith("root:", StringComparison.Ordinal) || imageUser.StartsWith("0:", StringComparison.Ordinal);
        return runsAsRoot && _options.NonRootUser is { Length: > 0 } user ? user : null;
    }

    private static Mount Bind(string source, string target, bool readOnly) =>
        new() { Type = "bind", Source = source, Target = target, ReadOnly = readOnly };

    private static string SanitizeName(string taskKey) =>
        new(taskKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').Take(64).ToArray());

    private async Task KillAndRemoveAsync(string containerId)
    {
        try
        {
            await _engine.Client.Containers.KillContainerAsync(containerId, new ContainerKillParameters(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerApiException)
        {
            // Already stopped: nothing to kill.
        }

        await RemoveAsync(containerId).ConfigureAwait(false);
    }

    private async Task RemoveAsync(string containerId)
    {
        try
        {
            await _engine.Client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
        {
            // Already gone, or being removed by a cleanup.
        }
    }

    /// <summary>
    /// Removes an exited container off the task's critical path: the task's outputs are ready as soon as it exits, and
    /// its children need not wait for the engine to delete its layer. Disposal waits for the removals still going on.
    /// </summary>
    private void RemoveLater(string containerId)
    {
        var removal = RemoveQuietlyAsync(containerId);
        _removals[containerId] = removal;
        removal.ContinueWith(done => _removals.TryRemove(new KeyValuePair<string, Task>(containerId, done)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RemoveQuietlyAsync(string containerId)
    {
        try
        {
            await RemoveAsync(containerId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or ObjectDisposedException)
        {
            // The engine went away: the stopped container keeps its labels, DockerCleanup finds it.
        }
    }

    /// <summary>
    /// Kills the containers of tasks still running and removes the spares (all at once), waits for the removals under
    /// way, then closes the connection.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var closing = _spares?.CloseAsync() ?? Task.CompletedTask;
        await Task.WhenAll(_running.Keys.Select(async containerId =>
        {
            try
            {
                await KillAndRemoveAsync(containerId).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
            {
                // The engine went away: nothing left to kill through it.
            }
        })).ConfigureAwait(false);
        await closing.ConfigureAwait(false);
        await Task.WhenAll(_removals.Values).ConfigureAwait(false);

        _engine.Dispose();
    }
}

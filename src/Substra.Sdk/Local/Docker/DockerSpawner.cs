using Docker.DotNet;
using Docker.DotNet.Models;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Archives;

namespace Substra.Sdk.Local.Docker;

/// <summary>
/// Runs tasks in containers of the image built from the function archive (the reference's docker spawner, confined):
/// no network, no privileges, no new privileges, a non-root user, read-only inputs and data samples bind-mounted read-only.
/// </summary>
public sealed class DockerSpawner : ITaskSpawner, IMountsInputsReadOnly
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
    }

    /// <summary>The id labelling every container of this spawner (<see cref="DockerLabels.PlatformId"/>).</summary>
    public string PlatformId { get; }

    /// <summary>The engine endpoint in use.</summary>
    public Uri Endpoint => _engine.Endpoint;

    /// <summary>Number of image builds this spawner ran (a reused image builds nothing).</summary>
    public int BuildCount => _images.BuildCount;

    /// <summary>The image tag of an archive: <c>function-&lt;sha256&gt;</c>.</summary>
    public static string ImageTag(string archiveChecksum) => FunctionImages.TagFor(archiveChecksum);

    /// <summary>Builds (or finds) the archive's image without running anything; returns its image id.</summary>
    public async Task<string> EnsureImageAsync(string archivePath, string archiveChecksum, CancellationToken cancellationToken)
    {
        await _engine.EnsureAnswersAsync(cancellationToken);
        return (await _images.EnsureAsync(archivePath, archiveChecksum, cancellationToken)).Id;
    }

    /// <inheritdoc />
    public async Task SpawnAsync(SpawnRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        FunctionImages.TagFor(request.ArchiveChecksum); // a bad checksum fails before the engine is asked anything
        await _engine.EnsureAnswersAsync(cancellationToken);
        var image = await _images.EnsureAsync(request.ArchivePath, request.ArchiveChecksum, cancellationToken);
        var folders = TaskFolders.Prepare(request);
        var containerId = await TryCreateAsync(request, image, folders);
        if (containerId is null)
        {
            // The remembered image was removed behind our back (docker rmi, cleanup --images): find or build it again, once.
            _images.Forget(image.Tag);
            image = await _images.EnsureAsync(request.ArchivePath, request.ArchiveChecksum, cancellationToken);
            containerId = await TryCreateAsync(request, image, folders) ?? throw new InvalidOperationException(
                $"The Docker engine lost the image {image.Tag} right after building or finding it: is another program removing images?");
        }

        var exitCode = await RunAsync(request, image.Tag, containerId, cancellationToken);
        if (exitCode != 0)
        {
            if (_options.KeepFailedContainers)
            {
                await request.LogWriter.WriteLineAsync($"The container {containerId[..12]} of task {request.TaskKey} is kept (KeepFailedContainers).");
            }
            else
            {
                RemoveLater(containerId);
            }

            // The reference's message (substra-behaviour.md §4.6).
            throw new ExecutionException($"Container '{image.Tag}' exited with status code '{exitCode}'", (int)exitCode);
        }

        RemoveLater(containerId);
    }

    /// <summary>Creates the task's container; null when the engine has no such image.</summary>
    private async Task<string?> TryCreateAsync(SpawnRequest request, FunctionImage image, TaskFolders folders)
    {
        try
        {
            // Not cancelable: a container created after the request was given up on would have no owner.
            return (await _engine.Client.Containers.CreateContainerAsync(CreateParameters(request, image, folders), CancellationToken.None)).ID;
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

    /// <summary>Starts the container, copies its output to the task's log and returns its exit code; a cancellation or a timeout kills and removes it.</summary>
    private async Task<long> RunAsync(SpawnRequest request, string tag, string containerId, CancellationToken cancellationToken)
    {
        _running[containerId] = 0;
        using var timeout = new CancellationTokenSource();
        if (request.Timeout is { } limit) timeout.CancelAfter(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _engine.Client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), linked.Token);
            using (var logs = await _engine.Client.Containers.GetContainerLogsAsync(
                       containerId, new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true }, linked.Token))
            {
                await ContainerLogPump.CopyLinesAsync(logs, request.LogWriter, linked.Token);
            }

            return (await _engine.Client.Containers.WaitContainerAsync(containerId, linked.Token)).StatusCode;
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            await KillAndRemoveAsync(containerId);
            if (!cancellationToken.IsCancellationRequested)
            {
                throw new ExecutionException(
                    $"Task {request.TaskKey} did not finish within {request.Timeout}: its container ({tag}) was killed.");
            }

            throw;
        }
        catch (DockerApiException e)
        {
            await KillAndRemoveAsync(containerId);
            throw new InvalidOperationException($"The Docker engine failed running task {request.TaskKey}: {e.ResponseBody}", e);
        }
        finally
        {
            _running.TryRemove(containerId, out _);
        }
    }

    private CreateContainerParameters CreateParameters(SpawnRequest request, FunctionImage image, TaskFolders folders)
    {
        var mounts = new List<Mount>
        {
            Bind(folders.Inputs, InputsPath, readOnly: true),
            Bind(folders.Outputs, OutputsPath, readOnly: false),
            Bind(folders.CliArgs, CliArgsPath, readOnly: true),
        };
        foreach (var (sampleKey, samplePath) in request.DataSamples.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            mounts.Add(Bind(Path.GetFullPath(samplePath), $"{InputsPath}/{sampleKey}", readOnly: true));
        }

        return new CreateContainerParameters
        {
            Image = image.Tag,
            Name = $"substra-task-{SanitizeName(request.TaskKey)}-{Guid.NewGuid().ToString("N")[..8]}",
            Cmd = [$"@{CliArgsPath}/{TaskArgumentsFile.FileName}"],
            User = ChooseUser(image.User) ?? "",
            // With NetworkMode none below: the engine gives the container a network namespace of its own with nothing but
            // a loopback, without building a network sandbox for it (which costs ~80 ms per start and isolates no better).
            NetworkDisabled = true,
            Labels = new Dictionary<string, string>
            {
                [DockerLabels.Framework] = "1",
                [DockerLabels.TaskKey] = request.TaskKey,
                [DockerLabels.PlatformId] = PlatformId,
                [DockerLabels.ArchiveChecksum] = request.ArchiveChecksum.ToLowerInvariant(),
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
            await _engine.Client.Containers.KillContainerAsync(containerId, new ContainerKillParameters(), CancellationToken.None);
        }
        catch (DockerApiException)
        {
            // Already stopped: nothing to kill.
        }

        await RemoveAsync(containerId);
    }

    private async Task RemoveAsync(string containerId)
    {
        try
        {
            await _engine.Client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
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
            await RemoveAsync(containerId);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or ObjectDisposedException)
        {
            // The engine went away: the stopped container keeps its labels, DockerCleanup finds it.
        }
    }

    /// <summary>Kills the containers of tasks still running (all at once), waits for the removals under way, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_running.Keys.Select(async containerId =>
        {
            try
            {
                await KillAndRemoveAsync(containerId);
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
            {
                // The engine went away: nothing left to kill through it.
            }
        }));
        await Task.WhenAll(_removals.Values);

        _engine.Dispose();
    }
}

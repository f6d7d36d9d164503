using System.Net;
using System.Net.Sockets;
using Substra.Sdk.Docker;
using Substra.Sdk.Local.Compute;

namespace Substra.Sdk.Docker.Tests;

[Collection(DockerCollection.Name)]
public sealed class DockerSpawnerTests(DockerEngineFixture engine) : IDisposable
{
    // Bounds a hung engine call so that a broken run fails instead of hanging; no assertion depends on it.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(5);

    // The guarantee of cancel, timeout and disposal.
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    private readonly TaskWorkspace _task = new();
    private readonly string _archives = Path.Combine(Path.GetTempPath(), "substra-docker-tests", "archives");

    [Fact]
    public async Task Task_writes_its_outputs_reads_inputs_and_samples_and_logs_both_streams()
    {
        var archive = FunctionArchive.Python(_archives, "train");
        _task.AddModelInput("model", "previous");
        _task.AddDataSample("sample-one");
        _task.AddDataSample("sample-two");
        var output = _task.AddOutput("model");
        var spawner = new DockerSpawner();

        await spawner.SpawnAsync(_task.Request(archive, rank: 3), Cancel());
        await spawner.DisposeAsync();

        var written = await File.ReadAllTextAsync(output);
        Assert.StartsWith("previous[", written);
        Assert.Contains("sample-one", written);
        Assert.Contains("sample-two", written);
        Assert.EndsWith("|rank=3|uid=1000]", written);
        Assert.Contains(_task.Logs.Lines, line => line == "function train started");
        Assert.Contains(_task.Logs.Lines, line => line.StartsWith("training on ", StringComparison.Ordinal));
        Assert.Contains(_task.Logs.Lines, line => line == "a line on stderr");
        Assert.Empty(await engine.ContainersOfTaskAsync(_task.TaskKey));
    }

    [Fact]
    public async Task Arguments_file_has_container_paths_and_no_function_name()
    {
        var archive = FunctionArchive.Python(_archives, "train");
        _task.AddDataSample("x");
        _task.AddOutput("model");
        await using var spawner = new DockerSpawner();

        await spawner.SpawnAsync(_task.Request(archive), Cancel());

        var text = await File.ReadAllTextAsync(Path.Combine(_task.TaskDirectory, "cli-args", "arguments.txt"));
        // One argument per line, every line ending in \n, as the reference writes it.
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text[..^1].Split('\n');
        Assert.Equal(8, lines.Length);
        Assert.Equal("--task-properties", lines[0]);
        Assert.DoesNotContain("--function-name", lines);
        Assert.Contains("\"value\": \"/substra_internal/inputs/", lines[3]);
        Assert.Contains("\"value\": \"/substra_internal/outputs/", lines[5]);
        Assert.DoesNotContain(lines, line => line.Contains("${_VOLUME", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zip_archives_build_like_tar_archives()
    {
        var archive = FunctionArchive.Python(_archives, "train", zip: true);
        _task.AddDataSample("zipped");
        var output = _task.AddOutput("model");
        await using var spawner = new DockerSpawner();

        await spawner.SpawnAsync(_task.Request(archive), Cancel());

        Assert.Contains("zipped", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task Second_task_of_a_function_builds_nothing_and_concurrent_tasks_build_once()
    {
        var archive = FunctionArchive.Python(_archives, "train", new Dictionary<string, string> { ["nonce.txt"] = Guid.NewGuid().ToString() });
        try
        {
            await using var spawner = new DockerSpawner();
            using var first = new TaskWorkspace();
            using var second = new TaskWorkspace();
            first.AddOutput("model");
            second.AddOutput("model");

            await spawner.SpawnAsync(first.Request(archive), Cancel());
            var imageAfterFirst = (await engine.Client.Images.InspectImageAsync(DockerSpawner.ImageTag(archive.Checksum))).ID;
            Assert.Equal(1, spawner.BuildCount);

            await spawner.SpawnAsync(second.Request(archive), Cancel());
            Assert.Equal(1, spawner.BuildCount);
            Assert.Equal(imageAfterFirst, (await engine.Client.Images.InspectImageAsync(DockerSpawner.ImageTag(archive.Checksum))).ID);

            // A new function, three tasks at once: one build.
            var concurrent = FunctionArchive.Python(_archives, "train", new Dictionary<string, string> { ["nonce.txt"] = Guid.NewGuid().ToString() });
            try
            {
                var workspaces = Enumerable.Range(0, 3).Select(_ => new TaskWorkspace()).ToList();
                foreach (var workspace in workspaces) workspace.AddOutput("model");
                await using var other = new DockerSpawner();
                await Task.WhenAll(workspaces.Select(w => other.SpawnAsync(w.Request(concurrent), Cancel())));
                Assert.Equal(1, other.BuildCount);
                workspaces.ForEach(w => w.Dispose());
            }
            finally
            {
                await engine.RemoveImageAsync(concurrent.Checksum);
            }
        }
        finally
        {
            await engine.RemoveImageAsync(archive.Checksum);
        }
    }

    [Fact]
    public async Task Function_writing_to_an_input_fails_and_the_input_is_unchanged()
    {
        var archive = FunctionArchive.Python(_archives, "write_input");
        var input = _task.AddModelInput("model", "original");
        // As root, who owns the file: only the read-only mount can stop the write.
        await using var spawner = new DockerSpawner(new DockerSpawnerOptions { NonRootUser = null });

        var error = await Assert.ThrowsAsync<ExecutionException>(() => spawner.SpawnAsync(_task.Request(archive), Cancel()));

        Assert.Equal($"Container '{DockerSpawner.ImageTag(archive.Checksum)}' exited with status code '1'", error.Message);
        Assert.Equal(1, error.ExitCode);
        Assert.Contains("Read-only file system", _task.Logs.Text);
        Assert.Equal("original", await File.ReadAllTextAsync(input));
    }

    [Fact]
    public async Task Function_writing_to_a_data_sample_fails_because_samples_are_mounted_read_only()
    {
        var archive = FunctionArchive.Python(_archives, "write_sample");
        var sample = _task.AddDataSample("data");
        await using var spawner = new DockerSpawner(new DockerSpawnerOptions { NonRootUser = null });

        await Assert.ThrowsAsync<ExecutionException>(() => spawner.SpawnAsync(_task.Request(archive), Cancel()));

        Assert.Contains("Read-only file system", _task.Logs.Text);
        Assert.Equal(["data.txt"], Directory.GetFiles(sample).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Function_opening_a_tcp_connection_to_loopback_fails()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var archive = FunctionArchive.Python(_archives, "connect", new Dictionary<string, string> { ["port.txt"] = port.ToString() });
        var output = _task.AddOutput("model");
        try
        {
            await using var spawner = new DockerSpawner();

            var error = await Assert.ThrowsAsync<ExecutionException>(() => spawner.SpawnAsync(_task.Request(archive), Cancel()));

            Assert.Equal(7, error.ExitCode);
            Assert.Contains(_task.Logs.Lines, line => line.StartsWith("connection failed:", StringComparison.Ordinal));
            Assert.False(listener.Pending());
            Assert.False(File.Exists(output));
        }
        finally
        {
            await engine.RemoveImageAsync(archive.Checksum);
        }
    }

    [Fact]
    public async Task Cancel_kills_and_removes_the_container_within_two_seconds()
    {
        var archive = FunctionArchive.Python(_archives, "sleep");
        await using var spawner = new DockerSpawner();
        using var cancel = new CancellationTokenSource(Guard);

        var running = spawner.SpawnAsync(_task.Request(archive), cancel.Token);
        await _task.Logs.WaitForAsync("sleeping").WaitAsync(Guard);
        Assert.Single(await engine.ContainersOfTaskAsync(_task.TaskKey));
        var canceling = System.Diagnostics.Stopwatch.StartNew();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.True(canceling.Elapsed < Promptly, $"cancel took effect after {canceling.Elapsed}");
        Assert.Empty(await engine.ContainersOfTaskAsync(_task.TaskKey));
    }

    [Fact]
    public async Task Timeout_kills_the_container_and_fails_the_task_within_two_seconds_of_the_deadline()
    {
        var archive = FunctionArchive.Python(_archives, "sleep");
        await using var spawner = new DockerSpawner();
        await spawner.EnsureImageAsync(archive.Path, archive.Checksum, Cancel());
        var spawning = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ExecutionException>(
            () => spawner.SpawnAsync(_task.Request(archive, timeout: TimeSpan.FromSeconds(1)), Cancel()));

        // The deadline counts from the container's start; its creation comes before.
        Assert.True(spawning.Elapsed < TimeSpan.FromSeconds(1) + Promptly, $"the 1 s timeout took effect after {spawning.Elapsed}");
        Assert.Contains("did not finish within", error.Message);
        Assert.Empty(await engine.ContainersOfTaskAsync(_task.TaskKey));
    }

    [Fact]
    public async Task Disposing_the_spawner_kills_its_running_containers_within_two_seconds()
    {
        var archive = FunctionArchive.Python(_archives, "sleep");
        var spawner = new DockerSpawner();
        var running = spawner.SpawnAsync(_task.Request(archive), Cancel());
        await _task.Logs.WaitForAsync("sleeping").WaitAsync(Guard);

        var disposing = System.Diagnostics.Stopwatch.StartNew();
        await spawner.DisposeAsync();

        Assert.True(disposing.Elapsed < Promptly, $"DisposeAsync took {disposing.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => running);
        Assert.Empty(await engine.ContainersOfTaskAsync(_task.TaskKey));
    }

    [Fact]
    public async Task A_dead_hosts_containers_are_removed_by_platform_id_and_no_other_platforms()
    {
        var archive = FunctionArchive.Python(_archives, "sleep");
        var deadPlatform = "docker-test-" + Guid.NewGuid().ToString("N");
        // Never disposed: its host "died" with the task running; the container does not depend on it.
        var deadHost = new DockerSpawner(new DockerSpawnerOptions { PlatformId = deadPlatform });
        await using var otherHost = new DockerSpawner();
        using var otherTask = new TaskWorkspace();
        using var cancelOther = new CancellationTokenSource(Guard);
        var abandoned = deadHost.SpawnAsync(_task.Request(archive), Cancel());
        var other = otherHost.SpawnAsync(otherTask.Request(archive), cancelOther.Token);
        await _task.Logs.WaitForAsync("sleeping").WaitAsync(Guard);
        await otherTask.Logs.WaitForAsync("sleeping").WaitAsync(Guard);
        var left = Assert.Single(await engine.ContainersOfTaskAsync(_task.TaskKey));
        Assert.Equal(deadPlatform, left.Labels[DockerLabels.PlatformId]);
        Assert.Equal(otherHost.PlatformId, Assert.Single(await engine.ContainersOfTaskAsync(otherTask.TaskKey)).Labels[DockerLabels.PlatformId]);

        Assert.Equal(1, await DockerCleanup.RemovePlatformContainersAsync(deadPlatform, cancellationToken: Cancel()));

        Assert.Empty(await engine.ContainersOfTaskAsync(_task.TaskKey));
        Assert.Single(await engine.ContainersOfTaskAsync(otherTask.TaskKey));
        await Assert.ThrowsAnyAsync<Exception>(() => abandoned);
        await cancelOther.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => other);
        Assert.Empty(await engine.ContainersOfTaskAsync(otherTask.TaskKey));
        await deadHost.DisposeAsync();
    }

    [Fact]
    public async Task Broken_dockerfile_gives_a_build_exception_with_the_build_log()
    {
        var archive = FunctionArchive.Python(_archives, "train", extraDockerfileLines: "RUN echo broken-step-marker && exit 3\n");
        await using var spawner = new DockerSpawner();

        var error = await Assert.ThrowsAsync<BuildException>(() => spawner.SpawnAsync(_task.Request(archive), Cancel()));

        Assert.Contains(DockerSpawner.ImageTag(archive.Checksum), error.Message);
        Assert.NotNull(error.Log);
        Assert.Contains("broken-step-marker", error.Log);
        Assert.Contains("returned a non-zero code: 3", error.Log);
        Assert.Empty(await engine.ContainersOfTaskAsync(_task.TaskKey));
    }

    [Fact]
    public async Task Unknown_dockerfile_instruction_gives_a_build_exception()
    {
        var archive = FunctionArchive.Create(_archives, new Dictionary<string, string> { ["Dockerfile"] = "FROMM nothing\n" });
        await using var spawner = new DockerSpawner();

        var error = await Assert.ThrowsAsync<BuildException>(() => spawner.SpawnAsync(_task.Request(archive), Cancel()));

        Assert.Contains("fromm", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Archive_that_is_not_an_archive_gives_a_build_exception()
    {
        var path = Path.Combine(_task.Root, "function.tar.gz");
        await File.WriteAllTextAsync(path, "not an archive");
        await using var spawner = new DockerSpawner();
        var request = _task.Request(new FunctionArchive(path, new string('a', 64)));

        var error = await Assert.ThrowsAsync<BuildException>(() => spawner.SpawnAsync(request, Cancel()));

        Assert.Contains("neither a zip nor a tar", error.Message);
    }

    [Fact]
    public async Task Failed_container_is_kept_when_asked_and_cleanup_removes_it()
    {
        var archive = FunctionArchive.Python(_archives, "fail");
        await using var keeping = new DockerSpawner(new DockerSpawnerOptions { KeepFailedContainers = true });

        var error = await Assert.ThrowsAsync<ExecutionException>(() => keeping.SpawnAsync(_task.Request(archive), Cancel()));

        Assert.Equal(3, error.ExitCode);
        Assert.Contains("about to fail", _task.Logs.Text);
        var kept = Assert.Single(await engine.ContainersOfTaskAsync(_task.TaskKey));
        Assert.Equal("1", kept.Labels[DockerLabels.Framework]);

        Assert.True(await DockerCleanup.RemoveLeftoversAsync(cancellationToken: Cancel()) >= 1);
        Assert.Empty(await engine.ContainersOfTaskAsync(_task.TaskKey));
    }

    [Fact]
    public async Task Failed_container_is_removed_by_default()
    {
        var archive = FunctionArchive.Python(_archives, "fail");
        var spawner = new DockerSpawner();

        await Assert.ThrowsAsync<ExecutionException>(() => spawner.SpawnAsync(_task.Request(archive), Cancel()));
        await spawner.DisposeAsync();

        Assert.Empty(await engine.ContainersOfTaskAsync(_task.TaskKey));
    }

    [Fact]
    public async Task Finished_tasks_container_is_removed_without_waiting_for_disposal()
    {
        var archive = FunctionArchive.Python(_archives, "train");
        _task.AddOutput("model");
        await using var spawner = new DockerSpawner();

        await spawner.SpawnAsync(_task.Request(archive), Cancel());

        // Removed off the task's critical path, so maybe a moment after the task returned.
        await Eventually(async () => (await engine.ContainersOfTaskAsync(_task.TaskKey)).Count == 0);
    }

    [Fact]
    public async Task Container_has_no_network_no_capabilities_and_read_only_inputs()
    {
        var archive = FunctionArchive.Python(_archives, "sleep");
        _task.AddDataSample("sample");
        await using var spawner = new DockerSpawner();
        using var cancel = new CancellationTokenSource(Guard);

        var running = spawner.SpawnAsync(_task.Request(archive), cancel.Token);
        await _task.Logs.WaitForAsync("sleeping").WaitAsync(Guard);
        var container = await engine.Client.Containers.InspectContainerAsync(Assert.Single(await engine.ContainersOfTaskAsync(_task.TaskKey)).ID);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.Equal("none", container.HostConfig!.NetworkMode);
        Assert.True(container.Config!.NetworkDisabled);
        Assert.True(container.NetworkSettings?.Networks is null or { Count: 0 });
        Assert.Equal(["ALL"], container.HostConfig.CapDrop);
        Assert.Contains("no-new-privileges", container.HostConfig.SecurityOpt);
        Assert.False(container.HostConfig.Privileged);
        Assert.Equal("1000:1000", container.Config.User);
        var mounts = container.Mounts.ToDictionary(mount => mount.Destination, mount => mount.RW);
        Assert.Equal(4, mounts.Count);
        Assert.False(mounts[DockerSpawner.InputsPath]);
        Assert.True(mounts[DockerSpawner.OutputsPath]);
        Assert.False(mounts[DockerSpawner.CliArgsPath]);
        Assert.False(Assert.Single(mounts, mount => mount.Key.StartsWith(DockerSpawner.InputsPath + "/", StringComparison.Ordinal)).Value);
    }

    [Fact]
    public async Task Function_sees_only_a_loopback_interface_and_reaches_no_address()
    {
        var archive = FunctionArchive.Python(_archives, "network");
        var output = _task.AddOutput("model");
        await using var spawner = new DockerSpawner();

        await spawner.SpawnAsync(_task.Request(archive), Cancel());

        Assert.Equal("interfaces=lo", await File.ReadAllTextAsync(output));
        Assert.Contains(_task.Logs.Lines, line => line.StartsWith("10.0.0.1: ", StringComparison.Ordinal) && line.Contains("unreachable", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Image_removed_behind_the_spawners_back_is_built_again()
    {
        var archive = FunctionArchive.Python(_archives, "train", new Dictionary<string, string> { ["nonce.txt"] = Guid.NewGuid().ToString() });
        try
        {
            await using var spawner = new DockerSpawner();
            using var first = new TaskWorkspace();
            using var second = new TaskWorkspace();
            first.AddOutput("model");
            var output = second.AddOutput("model");
            await spawner.SpawnAsync(first.Request(archive), Cancel());
            await Eventually(async () => (await engine.ContainersOfTaskAsync(first.TaskKey)).Count == 0);

            await engine.RemoveImageAsync(archive.Checksum);
            await spawner.SpawnAsync(second.Request(archive), Cancel());

            Assert.Equal(2, spawner.BuildCount);
            Assert.True(File.Exists(output));
        }
        finally
        {
            await engine.RemoveImageAsync(archive.Checksum);
        }
    }

    [Fact]
    public async Task Image_user_can_be_kept_instead_of_the_non_root_default()
    {
        var archive = FunctionArchive.Python(_archives, "train");
        var output = _task.AddOutput("model");
        await using var spawner = new DockerSpawner(new DockerSpawnerOptions { NonRootUser = null });

        await spawner.SpawnAsync(_task.Request(archive), Cancel());

        Assert.EndsWith("|uid=0]", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task No_engine_gives_a_clear_error_saying_how_to_start_one()
    {
        await using var spawner = new DockerSpawner(new DockerSpawnerOptions { Endpoint = new Uri("unix:///nonexistent/docker.sock") });
        var archive = FunctionArchive.Python(_archives, "train");

        var error = await Assert.ThrowsAsync<DockerEngineUnavailableException>(() => spawner.SpawnAsync(_task.Request(archive), Cancel()));

        Assert.Contains("No Docker engine answers at unix:///nonexistent/docker.sock", error.Message);
        Assert.Contains("scripts/docker/start-engine.sh", error.Message);
    }

    [Fact]
    public void Bad_options_are_rejected_with_the_option_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new DockerSpawner(new DockerSpawnerOptions { ShmSizeBytes = 0 }));
        Assert.Contains("ShmSizeBytes", error.Message);
        Assert.Throws<BuildException>(() => DockerSpawner.ImageTag("not-a-checksum"));
    }

    private static CancellationToken Cancel() => new CancellationTokenSource(Guard).Token;

    /// <summary>Waits until <paramref name="condition"/> holds; fails after <see cref="Guard"/>.</summary>
    internal static async Task Eventually(Func<Task<bool>> condition)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < Guard, "the condition did not hold within the guard time");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _task.Dispose();
}

using Docker.DotNet.Models;
using Substra.Sdk.Docker;
using Substra.Sdk.Local.Compute;

namespace Substra.Sdk.Docker.Tests;

/// <summary>
/// Containers created ahead of their task (spares): made while a task of the same function and data samples runs,
/// each runs one task at most, only of its own recipe, with the same confinement; cancel and disposal leave none.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class SpareContainerTests(DockerEngineFixture engine) : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    private readonly string _archives = Path.Combine(Path.GetTempPath(), "substra-docker-tests", "archives");
    private readonly List<TaskWorkspace> _tasks = [];
    private readonly string _platformId = "spare-test-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task From_a_functions_third_task_on_each_task_starts_a_container_created_ahead_used_once()
    {
        var archive = FunctionArchive.Python(_archives, "whoami");
        var spawner = Spawner();
        var sample = SharedSample("shared sample");
        var hosts = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            hosts.Add(await RunAsync(spawner, archive, sample));
        }

        for (var i = 0; i < 3; i++)
        {
            var spare = await WaitingSpareAsync(archive);
            var host = await RunAsync(spawner, archive, sample, previous: $"model {i}");

            // The task ran in the container made ahead: its host name is the container's id, shortened.
            Assert.Equal(spare.ID[..12], host);
            Assert.Equal($"{host}|model {i}|shared sample", await File.ReadAllTextAsync(_tasks[^1].Outputs[0]));
            Assert.Contains("whoami on shared sample", _tasks[^1].Logs.Lines);
            hosts.Add(host);
        }

        // Never one container for two tasks.
        Assert.Equal(hosts.Count, hosts.Distinct().Count());

        await spawner.DisposeAsync();
        Assert.Empty(await engine.ContainersOfPlatformAsync(_platformId));
        Assert.Empty(SlotFolders());
    }

    [Fact]
    public async Task A_container_created_ahead_serves_only_its_own_function_and_data_samples()
    {
        var whoami = FunctionArchive.Python(_archives, "whoami");
        var other = FunctionArchive.Python(_archives, "whoami", new Dictionary<string, string> { ["nonce.txt"] = "another function" });
        try
        {
            await using var spawner = Spawner();
            await RunAsync(spawner, whoami);
            await RunAsync(spawner, whoami);
            var spare = await WaitingSpareAsync(whoami);

            var otherFunction = await RunAsync(spawner, other);
            var otherSamples = await RunAsync(spawner, whoami, SharedSample("a sample"));

            Assert.NotEqual(spare.ID[..12], otherFunction);
            Assert.NotEqual(spare.ID[..12], otherSamples);
            Assert.Contains(spare.ID, (await engine.SparesOfPlatformAsync(_platformId)).Select(container => container.ID));
            Assert.Equal(spare.ID[..12], await RunAsync(spawner, whoami));
        }
        finally
        {
            await engine.RemoveImageAsync(other.Checksum);
        }
    }

    [Fact]
    public async Task A_container_created_ahead_mounts_inputs_and_samples_read_only_and_has_no_network()
    {
        var archive = FunctionArchive.Python(_archives, "sleep");
        var spawner = Spawner();
        await CancelWhenSleepingAsync(spawner, archive, SharedSample("x"));
        await CancelWhenSleepingAsync(spawner, archive, SharedSample("x"));
        var spare = await WaitingSpareAsync(archive);
        var task = NewTask();
        task.AddModelInput("model", "kept");
        task.AddDataSample(SampleKey, SharedSample("x"));
        using var cancel = new CancellationTokenSource(Guard);

        var running = spawner.SpawnAsync(task.Request(archive), cancel.Token);
        await task.Logs.WaitForAsync("sleeping").WaitAsync(Guard);
        var container = await engine.Client.Containers.InspectContainerAsync(Assert.Single(await engine.ContainersOfTaskAsync(task.TaskKey)).ID);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await spawner.DisposeAsync();

        Assert.Equal(spare.ID, container.ID);
        Assert.Equal("none", container.HostConfig!.NetworkMode);
        Assert.True(container.Config!.NetworkDisabled);
        Assert.Equal(["ALL"], container.HostConfig.CapDrop);
        Assert.Equal("1000:1000", container.Config.User);
        var mounts = container.Mounts.ToDictionary(mount => mount.Destination, mount => mount.RW);
        Assert.False(mounts[DockerSpawner.InputsPath]);
        Assert.True(mounts[DockerSpawner.OutputsPath]);
        Assert.False(mounts[DockerSpawner.CliArgsPath]);
        Assert.False(mounts[$"{DockerSpawner.InputsPath}/{SampleKey}"]);
    }

    [Fact]
    public async Task A_function_writing_into_its_inputs_through_a_container_created_ahead_fails_and_changes_nothing()
    {
        var writeInput = FunctionArchive.Python(_archives, "write_input");
        var writeSample = FunctionArchive.Python(_archives, "write_sample");
        var sample = SharedSample("data");
        // As root, who owns the files: only the read-only mounts can stop the writes.
        await using var spawner = Spawner(new DockerSpawnerOptions { NonRootUser = null });
        foreach (var archive in new[] { writeInput, writeSample })
        {
            for (var i = 0; i < 3; i++)
            {
                var spare = i == 2 ? await WaitingSpareAsync(archive) : null;
                var task = NewTask();
                var input = task.AddModelInput("model", "original");
                task.AddDataSample(SampleKey, sample);

                await Assert.ThrowsAsync<ExecutionException>(() => spawner.SpawnAsync(task.Request(archive), Cancel()));

                Assert.Contains("Read-only file system", task.Logs.Text);
                Assert.Equal("original", await File.ReadAllTextAsync(input));
                Assert.Equal(["data.txt"], Directory.GetFiles(sample).Select(Path.GetFileName));
                if (spare is not null)
                {
                    // The spare ran this task: it no longer waits.
                    Assert.DoesNotContain(spare.ID, (await engine.SparesOfPlatformAsync(_platformId)).Select(container => container.ID));
                }
            }
        }
    }

    [Fact]
    public async Task Cancelling_a_task_that_took_a_container_created_ahead_leaves_only_the_next_spare_and_disposal_removes_it()
    {
        var archive = FunctionArchive.Python(_archives, "sleep");
        var spawner = Spawner();
        await CancelWhenSleepingAsync(spawner, archive);
        await CancelWhenSleepingAsync(spawner, archive);
        var spare = await WaitingSpareAsync(archive);

        var canceled = await CancelWhenSleepingAsync(spawner, archive);

        Assert.Equal(spare.ID, canceled.ContainerId);
        Assert.True(canceled.Took < Promptly, $"cancel took effect after {canceled.Took}");
        Assert.Empty(await engine.ContainersOfTaskAsync(canceled.TaskKey));
        var left = await engine.ContainersOfPlatformAsync(_platformId);
        Assert.All(left, container => Assert.Equal("created", container.State));
        Assert.DoesNotContain(spare.ID, left.Select(container => container.ID));

        var disposing = System.Diagnostics.Stopwatch.StartNew();
        await spawner.DisposeAsync();
        Assert.True(disposing.Elapsed < Promptly, $"DisposeAsync took {disposing.Elapsed}");
        Assert.Empty(await engine.ContainersOfPlatformAsync(_platformId));
        Assert.Empty(SlotFolders());
    }

    [Fact]
    public async Task Disposing_while_a_task_runs_in_a_container_created_ahead_kills_it_and_removes_the_spares()
    {
        var archive = FunctionArchive.Python(_archives, "sleep");
        var spawner = Spawner();
        await CancelWhenSleepingAsync(spawner, archive);
        await CancelWhenSleepingAsync(spawner, archive);
        await WaitingSpareAsync(archive);
        var task = NewTask();
        var running = spawner.SpawnAsync(task.Request(archive), Cancel());
        await task.Logs.WaitForAsync("sleeping").WaitAsync(Guard);
        // The next spare, made while this task runs.
        await WaitingSpareAsync(archive);

        var disposing = System.Diagnostics.Stopwatch.StartNew();
        await spawner.DisposeAsync();

        Assert.True(disposing.Elapsed < Promptly, $"DisposeAsync took {disposing.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => running);
        Assert.Empty(await engine.ContainersOfPlatformAsync(_platformId));
        Assert.Empty(SlotFolders());
    }

    [Fact]
    public async Task Spares_a_dead_host_left_are_removed_by_the_next_spawner_of_its_platform()
    {
        var archive = FunctionArchive.Python(_archives, "whoami");
        // Never disposed before the next host starts: it "died" with a spare waiting.
        var deadHost = Spawner();
        await RunAsync(deadHost, archive);
        await RunAsync(deadHost, archive);
        var left = await WaitingSpareAsync(archive);

        await using (var nextHost = Spawner())
        {
            await RunAsync(nextHost, archive);
            Assert.DoesNotContain(left.ID, (await engine.ContainersOfPlatformAsync(_platformId)).Select(container => container.ID));
        }

        await deadHost.DisposeAsync();
        Assert.Empty(await engine.ContainersOfPlatformAsync(_platformId));
    }

    [Fact]
    public async Task A_spare_removed_behind_the_spawners_back_gives_way_to_a_container_created_for_the_task()
    {
        var archive = FunctionArchive.Python(_archives, "whoami");
        await using var spawner = Spawner();
        await RunAsync(spawner, archive);
        await RunAsync(spawner, archive);
        var spare = await WaitingSpareAsync(archive);

        await engine.Client.Containers.RemoveContainerAsync(spare.ID, new ContainerRemoveParameters { Force = true });
        var host = await RunAsync(spawner, archive);

        Assert.NotEqual(spare.ID[..12], host);
        Assert.Equal($"{host}||", await File.ReadAllTextAsync(_tasks[^1].Outputs[0]));
    }

    [Fact]
    public void Creating_containers_ahead_can_be_turned_off_in_code_and_by_environment()
    {
        Assert.True(new DockerSpawnerOptions().PrepareContainersAhead);
        Assert.False(DockerSpawnerOptions.FromEnvironment(name => name == "SUBSTRA_DOCKER_PREPARE_AHEAD" ? "false" : null).PrepareContainersAhead);
        Assert.True(DockerSpawnerOptions.FromEnvironment(name => name == "SUBSTRA_DOCKER_PREPARE_AHEAD" ? "1" : null).PrepareContainersAhead);
        var error = Assert.Throws<ArgumentException>(() => DockerSpawnerOptions.FromEnvironment(name => name == "SUBSTRA_DOCKER_PREPARE_AHEAD" ? "maybe" : null));
        Assert.Contains("SUBSTRA_DOCKER_PREPARE_AHEAD='maybe'", error.Message);
        Assert.False(new DockerSpawner(new DockerSpawnerOptions { PrepareContainersAhead = false }).PreparesContainersAhead);
    }

    [Fact]
    public async Task Turned_off_no_container_is_created_ahead()
    {
        var archive = FunctionArchive.Python(_archives, "sleep");
        await using var spawner = Spawner(new DockerSpawnerOptions { PrepareContainersAhead = false });
        await CancelWhenSleepingAsync(spawner, archive);
        await CancelWhenSleepingAsync(spawner, archive);

        // While the third task sleeps, a spawner preparing ahead would have made its next container long since.
        var third = NewTask();
        using var cancel = new CancellationTokenSource(Guard);
        var running = spawner.SpawnAsync(third.Request(archive), cancel.Token);
        await third.Logs.WaitForAsync("sleeping").WaitAsync(Guard);
        await DockerSpawnerTests.Eventually(async () =>
            (await engine.Client.Containers.InspectContainerAsync(Assert.Single(await engine.ContainersOfTaskAsync(third.TaskKey)).ID)).State!.Running);
        var containers = await engine.ContainersOfPlatformAsync(_platformId);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.Single(containers);
        Assert.Empty(await engine.SparesOfPlatformAsync(_platformId));
    }

    private const string SampleKey = "5f2d0c9e-1111-4222-8333-944445555666";

    private string SamplesRoot => Path.Combine(Path.GetTempPath(), "substra-docker-tests", _platformId);

    private DockerSpawner Spawner(DockerSpawnerOptions? options = null) =>
        new((options ?? new DockerSpawnerOptions()) with { PlatformId = _platformId });

    private TaskWorkspace NewTask()
    {
        var task = new TaskWorkspace();
        _tasks.Add(task);
        return task;
    }

    /// <summary>A sample folder shared by the tasks of a test (one per content).</summary>
    private string SharedSample(string content)
    {
        var folder = Path.Combine(SamplesRoot, Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(content)));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "data.txt"), content);
        return folder;
    }

    /// <summary>Runs a whoami task (with the shared sample, if any) and returns the host name it saw.</summary>
    private async Task<string> RunAsync(DockerSpawner spawner, FunctionArchive archive, string? sample = null, string? previous = null)
    {
        var task = NewTask();
        if (previous is not null) task.AddModelInput("model", previous);
        if (sample is not null) task.AddDataSample(SampleKey, sample);
        var output = task.AddOutput("model");
        await spawner.SpawnAsync(task.Request(archive), Cancel());
        return (await File.ReadAllTextAsync(output)).Split('|')[0];
    }

    private async Task<(string TaskKey, string ContainerId, TimeSpan Took)> CancelWhenSleepingAsync(DockerSpawner spawner, FunctionArchive archive, string? sample = null)
    {
        var task = NewTask();
        if (sample is not null) task.AddDataSample(SampleKey, sample);
        using var cancel = new CancellationTokenSource(Guard);
        var running = spawner.SpawnAsync(task.Request(archive), cancel.Token);
        await task.Logs.WaitForAsync("sleeping").WaitAsync(Guard);
        var containerId = Assert.Single(await engine.ContainersOfTaskAsync(task.TaskKey)).ID;
        var canceling = System.Diagnostics.Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        return (task.TaskKey, containerId, canceling.Elapsed);
    }

    /// <summary>The one spare waiting for the platform's next task of <paramref name="archive"/>, once it is made.</summary>
    private async Task<ContainerListResponse> WaitingSpareAsync(FunctionArchive archive)
    {
        List<ContainerListResponse> spares = [];
        await DockerSpawnerTests.Eventually(async () =>
            (spares = [.. (await engine.SparesOfPlatformAsync(_platformId)).Where(spare => spare.Labels[DockerLabels.ArchiveChecksum] == archive.Checksum)]).Count == 1);
        Assert.True(spares[0].State == "created", $"the spare is {spares[0].State} ({spares[0].Status})");
        return spares[0];
    }

    private static CancellationToken Cancel() => new CancellationTokenSource(Guard).Token;

    private IEnumerable<string> SlotFolders() =>
        _tasks.Select(task => Path.GetDirectoryName(task.TaskDirectory)!).Distinct().Where(Directory.Exists)
            .SelectMany(folder => Directory.GetDirectories(folder, "spare-*"));

    public void Dispose()
    {
        _tasks.ForEach(task => task.Dispose());
        try
        {
            Directory.Delete(SamplesRoot, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

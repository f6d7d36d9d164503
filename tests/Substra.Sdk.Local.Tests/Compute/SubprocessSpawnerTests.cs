using System.Diagnostics;
using System.IO.Compression;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Tests.Infrastructure;

namespace Substra.Sdk.Local.Tests.Compute;

public sealed class SubprocessSpawnerTests : IAsyncLifetime
{
    private readonly SpawnerFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Many_tasks_at_once_each_get_every_line_of_their_own_output_and_only_theirs()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "chatter");
        var requests = Enumerable.Range(0, 24)
            .Select(i => _fixture.Request(archive, $"task-chatter-{i}") with { LogWriter = new StringWriter { NewLine = "\n" } })
            .ToList();

        await Task.WhenAll(requests.Select(request => _fixture.Spawner.SpawnAsync(request, CancellationToken.None)));

        foreach (var request in requests)
        {
            var output = Path.Combine(request.TaskDirectory, "outputs", "out-model");
            var lines = request.LogWriter.ToString()!.Split('\n').Where(line => line.StartsWith("line ", StringComparison.Ordinal)).ToList();
            Assert.All(lines, line => Assert.EndsWith(" of " + output, line, StringComparison.Ordinal));
            // Each stream keeps its own order; the two interleave as the process wrote them.
            var numbers = lines.Select(line => int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(0, 300), numbers.Order());
            Assert.Equal(Enumerable.Range(0, 150).Select(i => 2 * i), numbers.Where(n => n % 2 == 0));
            Assert.Equal(Enumerable.Range(0, 150).Select(i => (2 * i) + 1), numbers.Where(n => n % 2 == 1));
        }
    }

    [Fact]
    public async Task A_function_that_writes_megabytes_without_a_newline_gets_them_logged_in_lines_of_at_most_a_mebibyte()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "flood_without_newline");

        await _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-flood"), CancellationToken.None);

        var lines = _fixture.Log.ToString().Split('\n').Where(line => line.StartsWith('x')).ToList();
        const int mebibyte = 1024 * 1024;
        Assert.Equal([mebibyte, mebibyte, (mebibyte / 2) + 1], lines.Select(line => line.Length));
        Assert.EndsWith("x\u00e9", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_arguments_file_one_argument_per_line_with_volumes_substituted()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "dump_arguments");
        var sample = PythonFunctions.DataSample(Path.Combine(_fixture.Root, "sample one"), (1, 2));
        string[] arguments =
        [
            "--task-properties", "{\"rank\": 3}",
            "--inputs", "[{\"id\": \"opener\", \"value\": \"${_VOLUME_INPUTS}/opener.py\", \"multiple\": false}, " +
                        "{\"id\": \"datasamples\", \"value\": \"${_VOLUME_INPUTS}/sample-key\", \"multiple\": true}]",
            "--outputs", "[{\"id\": \"model\", \"value\": \"${_VOLUME_OUTPUTS}/out uuid\", \"multiple\": false}]",
            "--log-level", "warning",
        ];
        var request = _fixture.Request(archive, "task-args", arguments, new Dictionary<string, string> { ["sample-key"] = sample },
            taskDirectory: Path.Combine(_fixture.Workspace, "task with spaces"));
        File.Copy(PythonFunctions.OpenerPath, Path.Combine(request.TaskDirectory, "inputs", "opener.py"));
        Environment.SetEnvironmentVariable("SUBSTRA_LOCALSPAWNERTEST_TOKEN", "secret-token");
        Environment.SetEnvironmentVariable("SUBSTRA_LOCALSPAWNERTEST_PASSWORD", "secret-password");
        Environment.SetEnvironmentVariable("SUBSTRA_LOCALSPAWNERTEST_USERNAME", "secret-user");
        Environment.SetEnvironmentVariable("SUBSTRA_LOCALSPAWNERTEST_URL", "http://kept");

        await _fixture.Spawner.SpawnAsync(request, CancellationToken.None);

        var t = request.TaskDirectory;
        var expected = string.Join('\n',
            "--function-name", "dump_arguments",
            "--task-properties", "{\"rank\": 3}",
            "--inputs", $"[{{\"id\": \"opener\", \"value\": \"{t}/inputs/opener.py\", \"multiple\": false}}, " +
                        $"{{\"id\": \"datasamples\", \"value\": \"{t}/inputs/sample-key\", \"multiple\": true}}]",
            "--outputs", $"[{{\"id\": \"model\", \"value\": \"{t}/outputs/out uuid\", \"multiple\": false}}]",
            "--log-level", "warning") + "\n";
        Assert.Equal(expected, File.ReadAllText(Path.Combine(t, "cli-args", "arguments.txt")));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(t, "outputs", "out uuid")));

        var log = _fixture.Log.ToString();
        var environmentLine = log.Split('\n').Single(line => line.StartsWith("ENV ", StringComparison.Ordinal));
        Assert.Contains("SUBSTRA_LOCALSPAWNERTEST_URL", environmentLine);
        Assert.DoesNotContain("_TOKEN", environmentLine);
        Assert.DoesNotContain("_PASSWORD", environmentLine);
        Assert.DoesNotContain("_USERNAME", environmentLine);
        var functionDirectory = Path.Combine(_fixture.Workspace, "functions", request.ArchiveChecksum);
        Assert.Contains($"CWD {functionDirectory}", log);
        Assert.Contains($"ARGV0 {functionDirectory}/functions.py", log);
    }

    [Fact]
    public async Task Unpacks_an_archive_once_for_concurrent_tasks_and_reuses_it()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "sleep_one_second");
        var first = _fixture.Request(archive, "task-a");
        var second = _fixture.Request(archive, "task-b");

        await Task.WhenAll(_fixture.Spawner.SpawnAsync(first, CancellationToken.None), _fixture.Spawner.SpawnAsync(second, CancellationToken.None));
        var marker = Path.Combine(_fixture.Workspace, "functions", first.ArchiveChecksum, "marker");
        File.WriteAllText(marker, "kept");
        await _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-c"), CancellationToken.None);

        var unpacked = Directory.GetFileSystemEntries(Path.Combine(_fixture.Workspace, "functions"));
        Assert.Equal([Path.Combine(_fixture.Workspace, "functions", first.ArchiveChecksum)], unpacked);
        Assert.Equal("kept", File.ReadAllText(marker));
        foreach (var task in new[] { "task-a", "task-b", "task-c" })
        {
            Assert.True(File.Exists(Path.Combine(_fixture.Workspace, task, "outputs", "out-model")));
        }
    }

    [Fact]
    public async Task Non_zero_exit_throws_execution_exception_with_exit_code_and_streams_output()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "fail");

        var error = await Assert.ThrowsAsync<ExecutionException>(() => _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-fail"), CancellationToken.None));

        Assert.Equal(3, error.ExitCode);
        Assert.Contains("exited with code 3", error.Message);
        var log = _fixture.Log.ToString();
        Assert.Contains("about to fail", log);
        Assert.Contains("boom: this function always fails", log);
    }

    [Fact]
    public async Task Missing_output_file_is_an_execution_failure()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "forget_output");

        var error = await Assert.ThrowsAsync<ExecutionException>(() => _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-forget"), CancellationToken.None));

        Assert.Equal(1, error.ExitCode);
        Assert.Contains("does not exists", _fixture.Log.ToString());
    }

    [Fact]
    public async Task Cancellation_kills_the_process_and_its_children()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "sleep_forever");
        var request = _fixture.Request(archive, "task-sleep");
        using var cancellation = new CancellationTokenSource();

        var run = _fixture.Spawner.SpawnAsync(request, cancellation.Token);
        var pids = await WaitForPidsAsync(request);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await AssertExitedAsync(pids);
    }

    [Fact]
    public async Task Timeout_kills_the_process_and_throws_execution_exception()
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "sleep_forever");
        var request = _fixture.Request(archive, "task-timeout", timeout: TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<ExecutionException>(() => _fixture.Spawner.SpawnAsync(request, CancellationToken.None));

        Assert.Contains("exceeded its timeout", error.Message);
        await AssertExitedAsync(File.ReadAllText(Path.Combine(request.TaskDirectory, "outputs", "pids")).Split(' ').Select(int.Parse).ToArray());
    }

    [Fact]
    public async Task Disposing_the_spawner_kills_running_tasks()
    {
        await using var fixture = new SpawnerFixture();
        var archive = PythonFunctions.Archive(fixture.Root, "sleep_forever");
        var request = fixture.Request(archive, "task-dispose");

        var run = fixture.Spawner.SpawnAsync(request, CancellationToken.None);
        var pids = await WaitForPidsAsync(request);
        await fixture.Spawner.DisposeAsync();

        await Assert.ThrowsAsync<ExecutionException>(() => run);
        await AssertExitedAsync(pids);
    }

    [Fact]
    public async Task Runs_a_native_executable_entrypoint_without_a_shell()
    {
        var archive = Path.Combine(_fixture.Root, "native.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            PythonFunctions.AddText(zip, "Dockerfile", "FROM debian\nWORKDIR /app\nCOPY . .\nENTRYPOINT [\"/app/bin/run me.sh\", \"--function-name\", \"native\"]\n");
            var script = zip.CreateEntry("bin/run me.sh");
            script.ExternalAttributes = Convert.ToInt32("100755", 8) << 16;
            using var writer = new StreamWriter(script.Open());
            writer.Write("#!/bin/sh\necho \"argc=$# first=$1\"\nf=\"${1#@}\"\nhead -n 2 \"$f\" | tail -n 1\n");
        }

        await _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task native"), CancellationToken.None);

        var log = _fixture.Log.ToString();
        Assert.Contains($"argc=1 first=@{Path.Combine(_fixture.Workspace, "task native", "cli-args", "arguments.txt")}", log);
        Assert.Contains("native", log.Split('\n').Select(line => line.Trim()));
    }

    [Fact]
    public async Task Absolute_script_path_under_workdir_is_mapped_into_the_archive()
    {
        var dockerfile = "FROM python:3.11\nWORKDIR /substra\nCOPY . .\nENTRYPOINT [\"python3\", \"/substra/functions.py\", \"--function-name\", \"sleep_one_second\"]\n";
        var archive = PythonFunctions.Archive(_fixture.Root, "sleep_one_second", dockerfile);

        await _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-abs"), CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_fixture.Workspace, "task-abs", "outputs", "out-model")));
    }

    [Fact]
    public async Task Missing_interpreter_is_a_build_exception_that_says_how_to_configure_it()
    {
        await using var spawner = new SubprocessSpawner(new SubprocessSpawnerOptions
        {
            WorkspaceDirectory = _fixture.Workspace,
            PythonInterpreter = "/nonexistent/python3",
        });
        var archive = PythonFunctions.Archive(_fixture.Root, "sleep_one_second");

        var error = await Assert.ThrowsAsync<BuildException>(() => spawner.SpawnAsync(_fixture.Request(archive, "task-nopython"), CancellationToken.None));

        Assert.Contains("/nonexistent/python3", error.Message);
        Assert.Contains("SUBSTRA_PYTHON", error.Message);
    }

    [Theory]
    [InlineData("FROM python\nCMD [\"x\"]\n", "Couldn't get entrypoint in Dockerfile: it has no ENTRYPOINT instruction")]
    [InlineData("FROM python\nENTRYPOINT python3 functions.py --function-name train\n", "Couldn't parse the ENTRYPOINT line in Dockerfile")]
    [InlineData("FROM python\nENTRYPOINT [\"python3\", \"functions.py\"]\n", "Couldn't extract method name from ENTRYPOINT line in Dockerfile")]
    [InlineData("FROM python\nENTRYPOINT [\"python3\", \"--function-name\", \"train\"]\n", "Couldn't extract script from ENTRYPOINT line in Dockerfile")]
    [InlineData("FROM python\nENTRYPOINT [\"python3\", \"missing.py\", \"--function-name\", \"train\"]\n", "The ENTRYPOINT script 'missing.py' was not found in the function archive")]
    [InlineData("FROM dotnet\nENTRYPOINT [\"dotnet\", \"--function-name\", \"train\"]\n", "Couldn't extract the assembly from ENTRYPOINT line in Dockerfile")]
    public async Task Bad_dockerfile_entrypoints_are_build_exceptions(string dockerfile, string message)
    {
        var archive = PythonFunctions.Archive(_fixture.Root, "train", dockerfile);

        var error = await Assert.ThrowsAsync<BuildException>(() => _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-bad"), CancellationToken.None));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public async Task Archive_without_dockerfile_is_a_build_exception()
    {
        var archive = Path.Combine(_fixture.Root, "nodockerfile.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            PythonFunctions.AddText(zip, "functions.py", "print(1)");
        }

        var error = await Assert.ThrowsAsync<BuildException>(() => _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-nodf"), CancellationToken.None));

        Assert.Contains("has no 'Dockerfile' at its root", error.Message);
    }

    private static Task<int[]> WaitForPidsAsync(SpawnRequest request) => TaskProcesses.WaitForPidsAsync(request);

    internal static Task AssertExitedAsync(IEnumerable<int> pids) => TaskProcesses.AssertExitedAsync(pids, TimeSpan.FromSeconds(30));
}

using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Tests.Infrastructure;

namespace Substra.Sdk.Local.Tests.Compute;

/// <summary>
/// A function run by the subprocess spawner (as root here, for whom file modes mean nothing) cannot change the user's
/// data-sample files: read-only binds in a private mount namespace (this Linux machine allows them), or private copies.
/// </summary>
public sealed class DataSampleProtectionTests : IAsyncLifetime
{
    private readonly SpawnerFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public void Read_only_mounts_are_chosen_where_the_machine_allows_them()
    {
        var guard = new DataSampleGuard(DataSampleExposure.Automatic, _fixture.Root, NullLogger.Instance);

        Assert.Null(MountNamespace.Probe(_fixture.Root));
        Assert.Equal(DataSampleExposure.ReadOnlyMounts, guard.Exposure);
        Assert.Empty(Directory.GetFileSystemEntries(_fixture.Root, ".mount-probe-*"));
    }

    [Theory]
    [InlineData(nameof(DataSampleExposure.ReadOnlyMounts), "Read-only file system")]
    [InlineData(nameof(DataSampleExposure.PrivateCopies), "written")]
    public async Task A_function_writing_into_its_samples_reads_them_but_leaves_the_users_files_unchanged(string exposure, string result)
    {
        var sample = Sample("sample #1 é\tx");
        var before = Snapshot(sample);
        await using var spawner = Spawner(Enum.Parse<DataSampleExposure>(exposure));
        var request = _fixture.Request(PythonFunctions.Archive(_fixture.Root, "tamper_inputs"), "tamper", SampleArguments("sample-key"),
            new Dictionary<string, string> { ["sample-key"] = sample });

        await spawner.SpawnAsync(request, CancellationToken.None);

        var report = Report(Path.Combine(request.TaskDirectory, "outputs", "out-model"));
        Assert.Equal([("data.csv", "1,2\n3,4\n", result), ("nested/extra.txt", "extra", result)], report);
        Assert.Equal(before, Snapshot(sample));
        var exposed = Path.Combine(request.TaskDirectory, "inputs", "sample-key");
        if (exposure == nameof(DataSampleExposure.ReadOnlyMounts))
        {
            // The bind existed only in the function's namespace: here the mount point is empty, nothing was copied.
            Assert.Empty(Directory.GetFileSystemEntries(exposed));
        }
        else
        {
            Assert.StartsWith("tampered", File.ReadAllText(Path.Combine(exposed, "data.csv")));
        }
    }

    [Fact]
    public async Task A_function_that_does_not_expect_read_only_samples_fails_with_read_only_file_system()
    {
        var sample = Sample("plain");
        var before = Snapshot(sample);
        await using var spawner = Spawner(DataSampleExposure.ReadOnlyMounts);
        var request = _fixture.Request(PythonFunctions.Archive(_fixture.Root, "overwrite_data_samples"), "overwrite", SampleArguments("k"),
            new Dictionary<string, string> { ["k"] = sample });

        var error = await Assert.ThrowsAsync<ExecutionException>(() => spawner.SpawnAsync(request, CancellationToken.None));

        Assert.Equal(1, error.ExitCode);
        Assert.Contains("Read-only file system", _fixture.Log.ToString());
        Assert.Equal(before, Snapshot(sample));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Binds_are_read_only_in_both_namespace_kinds_and_locked_in_a_user_namespace(bool userNamespace)
    {
        var sample = Sample("space and #hash");
        var target = Directory.CreateDirectory(Path.Combine(_fixture.Root, "mount point")).FullName;
        var fstab = Path.Combine(_fixture.Root, "fstab");
        MountNamespace.WriteFstab(fstab, [(sample, target)]);
        const string script = "id -u; cat \"$1/data.csv\"; echo x > \"$1/data.csv\" && echo WROTE; mount -o remount,bind,rw \"$1\" 2>/dev/null && echo REMOUNTED; exit 0";

        var (program, arguments) = MountNamespace.Wrap(fstab, "/bin/sh", ["-c", script, "sh", target], userNamespace);
        var (exitCode, output) = await RunAsync(program, arguments);

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["0", "1,2", "3,4"], lines.Take(3));
        Assert.DoesNotContain("WROTE", lines);
        // Root without a user namespace could remount (not a sandbox: use docker for untrusted code); a user namespace cannot.
        Assert.Equal(!userNamespace, lines.Contains("REMOUNTED"));
        Assert.Equal("1,2\n3,4\n", File.ReadAllText(Path.Combine(sample, "data.csv")));
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public async Task A_sample_folder_that_disappeared_is_an_execution_error_naming_it()
    {
        var sample = Sample("gone");
        Directory.Delete(sample, recursive: true);
        await using var spawner = Spawner(DataSampleExposure.Automatic);
        var request = _fixture.Request(PythonFunctions.Archive(_fixture.Root, "tamper_inputs"), "gone", SampleArguments("k"),
            new Dictionary<string, string> { ["k"] = sample });

        var error = await Assert.ThrowsAsync<ExecutionException>(() => spawner.SpawnAsync(request, CancellationToken.None));

        Assert.StartsWith($"The folder '{sample}' of data sample k does not exist any more", error.Message);
    }

    private SubprocessSpawner Spawner(DataSampleExposure exposure) =>
        new(new SubprocessSpawnerOptions { WorkspaceDirectory = _fixture.Workspace, PythonInterpreter = SpawnerFixture.Python, DataSamples = exposure });

    private string Sample(string name)
    {
        var folder = PythonFunctions.DataSample(Path.Combine(_fixture.Root, "samples", name), (1, 2), (3, 4));
        Directory.CreateDirectory(Path.Combine(folder, "nested"));
        File.WriteAllText(Path.Combine(folder, "nested", "extra.txt"), "extra");
        return folder;
    }

    private static IReadOnlyList<string> SampleArguments(string key) =>
    [
        "--task-properties", "{\"rank\": 0}",
        "--inputs", $"[{{\"id\": \"datasamples\", \"value\": \"{SpawnRequest.InputsVolume}/{key}\", \"multiple\": true}}]",
        "--outputs", $"[{{\"id\": \"model\", \"value\": \"{SpawnRequest.OutputsVolume}/out-model\", \"multiple\": false}}]",
        "--log-level", "warning",
    ];

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(folder, path), path => Convert.ToHexString(File.ReadAllBytes(path)));

    private static List<(string File, string Read, string Result)> Report(string modelPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(modelPath));
        return document.RootElement.GetProperty("report").EnumerateArray()
            .Select(entry => (entry.GetProperty("file").GetString()!, entry.GetProperty("read").GetString()!, entry.GetProperty("result").GetString()!))
            .ToList();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}

using System.IO.Compression;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Archives;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Tests.Infrastructure;
using static Substra.Sdk.Local.Tests.Infrastructure.TestArchives;

namespace Substra.Sdk.Local.Tests.Compute;

/// <summary>
/// The subprocess spawner counts what it actually writes while unpacking (an archive may reach it without registration,
/// or differ from what registration saw) and stops at its limits, leaving no partial folder.
/// </summary>
public sealed class ArchiveLimitTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Workspace => _temp.Combine("local-worker");

    private string Folder => _temp.Combine("archives");

    [Fact]
    public async Task Unpacking_stops_past_the_size_limit_after_writing_the_first_files_and_leaves_no_folder()
    {
        var archive = Tar(Folder, gzip: false, writer =>
        {
            AddText(writer, "functions.py", "pass");
            AddBytes(writer, "a.bin", TestArchives.Random(MiB, seed: 1));
            AddBytes(writer, "b.bin", TestArchives.Random(MiB, seed: 2));
        });

        var error = await SpawnRefusedAsync(archive, ArchiveLimits.Default with { MaxExpandedBytes = 3 * MiB / 2 });

        Assert.StartsWith($"The function archive '{archive}' expands to more than 1,572,864 bytes (ArchiveLimits.MaxExpandedBytes), reached at its entry 'b.bin'.",
            error.Message);
        AssertNothingUnpacked();
    }

    [Fact]
    public async Task A_gzip_tar_bomb_is_stopped_while_it_streams()
    {
        // Tar entries have no compressed size of their own: only the bytes read, against the archive's size, show the bomb.
        var archive = Tar(Folder, gzip: true, writer => AddBytes(writer, "zeros.bin", new byte[8 * MiB]));

        var error = await SpawnRefusedAsync(archive, ArchiveLimits.Default with { MaxCompressionRatio = 20 });

        Assert.StartsWith($"The function archive '{archive}' looks like a decompression bomb: it expands to more than", error.Message);
        Assert.Contains("times its own size, past the limit of 20 (ArchiveLimits.MaxCompressionRatio)", error.Message);
        AssertNothingUnpacked();
    }

    [Fact]
    public async Task A_zip_bomb_that_skipped_registration_is_refused_by_the_default_limits()
    {
        var archive = Zip(Folder, zip => AddZeros(zip, "weights.bin", 32 * MiB));

        var error = await SpawnRefusedAsync(archive, limits: null);

        Assert.Contains("looks like a decompression bomb: its entry 'weights.bin' expands", error.Message);
        AssertNothingUnpacked();
    }

    [Fact]
    public async Task Too_many_entries_stop_unpacking()
    {
        var archive = Tar(Folder, gzip: true, writer => { for (var i = 0; i < 20; i++) AddText(writer, $"f{i}.py", "pass"); });

        var error = await SpawnRefusedAsync(archive, ArchiveLimits.Default with { MaxEntries = 10 });

        Assert.StartsWith($"The function archive '{archive}' holds more than 10 entries, past the limit of 10 (ArchiveLimits.MaxEntries).", error.Message);
        AssertNothingUnpacked();
    }

    [Fact]
    public void Content_longer_than_declared_is_stopped_by_the_meter_at_the_limit()
    {
        // A reader whose sizes lie: the entry says 10 bytes and delivers 8 MiB.
        var budget = new ExpansionBudget("lying.tar", ArchiveLimits.Default with { MaxExpandedBytes = MiB }, archiveBytes: 8 * MiB);
        budget.Expect("lying.bin", 10, compressedLength: null);
        var output = new MemoryStream();

        using var content = budget.Meter(new MemoryStream(TestArchives.Random(8 * MiB)), "lying.bin", compressedLength: null);
        var error = Assert.Throws<UnsafeArchiveException>(() => content.CopyTo(output, 64 * 1024));

        Assert.StartsWith("The function archive 'lying.tar' expands to more than 1 MiB (ArchiveLimits.MaxExpandedBytes), reached at its entry 'lying.bin'.", error.Message);
        Assert.True(output.Length <= MiB, $"{output.Length} bytes were written past the limit");
    }

    [Fact]
    public void A_zip_that_declares_less_than_it_holds_unpacks_only_what_it_declares()
    {
        // The limits count declared zip sizes at registration; the zip reader never delivers more than the central directory says.
        var archive = Zip(Folder, zip => AddZeros(zip, "big.bin", 4 * MiB));
        ForgeDeclaredSize(archive, "big.bin", 1000);
        var destination = _temp.Combine("unpacked");

        SafeArchiveExtractor.Extract(archive, destination, ArchiveLimits.Default);

        Assert.Equal(1000, new FileInfo(Path.Combine(destination, "big.bin")).Length);
    }

    [Fact]
    public async Task An_archive_within_the_limits_unpacks_and_runs()
    {
        var archive = PythonFunctions.Archive(Folder, "sleep_one_second");
        await using var spawner = Spawner(ArchiveLimits.Default with { MaxEntries = 3, MaxExpandedBytes = 64 * 1024 });
        var request = Request(archive);

        await spawner.SpawnAsync(request, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(request.TaskDirectory, "outputs", "out-model")));
    }

    private async Task<BuildException> SpawnRefusedAsync(string archive, ArchiveLimits? limits)
    {
        await using var spawner = Spawner(limits);
        return await Assert.ThrowsAsync<BuildException>(() => spawner.SpawnAsync(Request(archive), CancellationToken.None));
    }

    private SubprocessSpawner Spawner(ArchiveLimits? limits) =>
        new(new SubprocessSpawnerOptions { WorkspaceDirectory = Workspace, PythonInterpreter = SpawnerFixture.Python, ArchiveLimits = limits });

    private SpawnRequest Request(string archive)
    {
        var directory = Path.Combine(Workspace, "task");
        foreach (var sub in new[] { "inputs", "outputs", "cli-args" })
        {
            Directory.CreateDirectory(Path.Combine(directory, sub));
        }

        return new SpawnRequest("task", archive, PythonFunctions.Sha256(archive), directory,
            SpawnerFixture.Outputs("model", "out-model"), new Dictionary<string, string>(), TextWriter.Null, Timeout: null);
    }

    private void AssertNothingUnpacked() =>
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(Workspace, "functions")));

    public void Dispose() => _temp.Dispose();
}

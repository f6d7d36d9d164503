using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Docker.DotNet;
using Substra.Sdk.Docker;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Archives;
using Substra.Sdk.Local.Tests.Infrastructure;
using static Substra.Sdk.Local.Tests.Infrastructure.TestArchives;

namespace Substra.Sdk.Docker.Tests;

/// <summary>
/// The build context checks archives like the subprocess extractor (rules and limits on the bytes read), and a docker
/// task whose archive breaks them fails its build before the engine sees anything.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class BuildContextTests(DockerEngineFixture engine) : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly TaskWorkspace _task = new();

    private string Folder => _temp.Combine("archives");

    [Theory]
    [InlineData("zip")]
    [InlineData("tar")]
    [InlineData("tar.gz")]
    public async Task An_archive_past_the_size_limit_fails_the_build_context(string format)
    {
        var content = TestArchives.Random(2 * MiB);
        var archive = format == "zip"
            ? Zip(Folder, zip => { using var entry = zip.CreateEntry("model.bin", CompressionLevel.NoCompression).Open(); entry.Write(content); })
            : Tar(Folder, gzip: format == "tar.gz", writer => AddBytes(writer, "model.bin", content));

        var error = await Assert.ThrowsAsync<BuildException>(() => BuildContext.OpenAsync(archive, ArchiveLimits.Default with { MaxExpandedBytes = MiB }, CancellationToken.None));

        Assert.Equal(
            $"The function archive '{archive}' expands to more than 1 MiB (ArchiveLimits.MaxExpandedBytes), reached at its entry 'model.bin'. " +
            "Ship a smaller function, or raise it with ArchiveLimits in the local backend settings (LocalBackendSettings.ArchiveLimits).",
            error.Message);
    }

    [Fact]
    public async Task A_gzip_tar_bomb_is_stopped_while_it_streams()
    {
        var archive = Tar(Folder, gzip: true, writer => AddBytes(writer, "zeros.bin", new byte[8 * MiB]));

        var error = await Assert.ThrowsAsync<BuildException>(() => BuildContext.OpenAsync(archive, ArchiveLimits.Default with { MaxCompressionRatio = 20 }, CancellationToken.None));

        Assert.StartsWith($"The function archive '{archive}' looks like a decompression bomb: it expands to more than", error.Message);
    }

    [Fact]
    public async Task Links_and_unsupported_compressions_fail_the_build_context()
    {
        var symlink = Tar(Folder, gzip: true, writer => writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "/etc/passwd" }));
        var bzip2 = Path.Combine(Folder, "function.tar.bz2");
        await File.WriteAllBytesAsync(bzip2, "BZh91AY&SY"u8.ToArray());

        var link = await Assert.ThrowsAsync<BuildException>(() => BuildContext.OpenAsync(symlink, ArchiveLimits.Default, CancellationToken.None));
        var unsupported = await Assert.ThrowsAsync<BuildException>(() => BuildContext.OpenAsync(bzip2, ArchiveLimits.Default, CancellationToken.None));

        Assert.StartsWith($"Unsupported symlink for member: link -> /etc/passwd (archive '{symlink}').", link.Message);
        Assert.Equal($"Cannot uncompress '{bzip2}': it is a tar compressed with bzip2, which the local backend does not support. " +
            "Repack the function as a .zip or a .tar.gz archive.", unsupported.Message);
    }

    [Fact]
    public async Task A_tar_gz_context_holds_the_archive_tree_as_a_plain_tar()
    {
        // Past the 100 bytes of a tar header's name field: the context needs a long-name entry for it.
        var deep = string.Join('/', Enumerable.Range(0, 15).Select(i => $"package{i}")) + "/module.py";
        var archive = Tar(Folder, gzip: true, writer =>
        {
            AddText(writer, "./src/main.py", "print(1)");
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "empty/"));
            AddText(writer, deep, "pass");
        });

        await using var context = await BuildContext.OpenAsync(archive, ArchiveLimits.Default, CancellationToken.None);

        var entries = new List<(string, TarEntryType)>();
        using var reader = new TarReader(context);
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add((entry.Name, entry.EntryType));
        }

        Assert.Equal(
            [("Dockerfile", TarEntryType.RegularFile), ("src/main.py", TarEntryType.RegularFile), ("empty", TarEntryType.Directory), (deep, TarEntryType.RegularFile)],
            entries);
    }

    [Fact]
    public async Task The_engine_builds_the_streamed_context_with_long_names_and_runs_it()
    {
        var deep = string.Join('/', Enumerable.Range(0, 15).Select(i => $"package{i}")) + "/module.py";
        var archive = FunctionArchive.Python(Folder, "train", new Dictionary<string, string> { [deep] = "pass", ["nonce.txt"] = Guid.NewGuid().ToString() },
            zip: true, extraDockerfileLines: $"RUN test -f \"/app/{deep}\"\n");
        _task.AddOutput("model");
        try
        {
            await using var spawner = new DockerSpawner();

            await spawner.SpawnAsync(_task.Request(archive), new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);

            Assert.Equal(1, spawner.BuildCount);
        }
        finally
        {
            await engine.RemoveImageAsync(archive.Checksum);
        }
    }

    [Fact]
    public async Task A_task_whose_archive_passes_the_limit_fails_its_build_and_no_image_is_made()
    {
        var archive = FunctionArchive.Create(Folder, new Dictionary<string, string>
        {
            ["Dockerfile"] = $"FROM {DockerEngineFixture.PythonImage}\nCOPY . /app\nENTRYPOINT [\"python3\", \"/app/function.py\", \"--function-name\", \"train\"]\n",
        }, new Dictionary<string, byte[]> { ["model.bin"] = TestArchives.Random(2 * MiB) });
        await using var spawner = new DockerSpawner(new DockerSpawnerOptions { ArchiveLimits = ArchiveLimits.Default with { MaxExpandedBytes = MiB } });

        var error = await Assert.ThrowsAsync<BuildException>(() => spawner.SpawnAsync(_task.Request(archive), new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token));

        Assert.Contains("(ArchiveLimits.MaxExpandedBytes), reached at its entry 'model.bin'", error.Message);
        var missing = await Assert.ThrowsAnyAsync<DockerApiException>(() => engine.Client.Images.InspectImageAsync(DockerSpawner.ImageTag(archive.Checksum)));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await engine.ContainersOfTaskAsync(_task.TaskKey));
    }

    public void Dispose()
    {
        _task.Dispose();
        _temp.Dispose();
    }
}

/// <summary>Alone in its collection: it measures the process's allocations while a large zip becomes a build context.</summary>
[Collection(nameof(SerialCollection))]
public sealed class BuildContextStreamingTests : IDisposable
{
    private const long ModelBytes = 128L * MiB;

    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task A_large_zip_streams_into_the_context_without_holding_its_entries_in_memory()
    {
        var folder = _temp.Combine("archives");
        var small = Zip(folder, zip => PythonFunctions.AddText(zip, "functions.py", "pass"));
        var large = Zip(folder, zip => AddRandom(zip, "model.bin", ModelBytes));
        await using (await BuildContext.OpenAsync(small, ArchiveLimits.Default, CancellationToken.None))
        {
            // Warms up the code path, so that what is measured next is the conversion itself.
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        await using var context = await BuildContext.OpenAsync(large, ArchiveLimits.Default, CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        // Holding the entry in memory (as a MemoryStream did) allocates at least its size; streaming allocates buffers.
        Assert.True(allocated < ModelBytes / 8, $"Converting a zip with a {ModelBytes:N0}-byte entry allocated {allocated:N0} bytes.");
        using var reader = new TarReader(context);
        TarEntry? model = null;
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == "model.bin")
            {
                model = entry;
                break;
            }
        }

        Assert.NotNull(model);
        Assert.Equal(ModelBytes, model.Length);
        using var zip = ZipFile.OpenRead(large);
        await using var original = zip.GetEntry("model.bin")!.Open();
        Assert.Equal(await SHA256.HashDataAsync(original), await SHA256.HashDataAsync(model.DataStream!));
    }

    public void Dispose() => _temp.Dispose();
}

using System.Formats.Tar;
using System.IO.Compression;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Tests.Infrastructure;

namespace Substra.Sdk.Local.Tests.Compute;

public sealed class ArchiveSafetyTests : IAsyncLifetime
{
    private readonly SpawnerFixture _fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Theory]
    [InlineData("../evil.txt", "Attempted directory traversal for member: ../evil.txt")]
    [InlineData("sub/../../evil.txt", "Attempted directory traversal for member: sub/../../evil.txt")]
    [InlineData("/etc/evil.txt", "Unsupported absolute path for member: /etc/evil.txt")]
    public async Task Zip_entries_outside_the_folder_are_rejected(string entryName, string message)
    {
        var archive = Zip(zip => PythonFunctions.AddText(zip, entryName, "evil"));

        var error = await SpawnExpectingBuildError(archive);

        Assert.StartsWith(message, error.Message);
        Assert.Contains("rebuild the archive without it", error.Message);
        Assert.False(File.Exists(Path.Combine(_fixture.Workspace, "evil.txt")));
        Assert.False(File.Exists(Path.Combine(_fixture.Workspace, "functions", "evil.txt")));
    }

    [Fact]
    public async Task Zip_symlinks_are_rejected()
    {
        var archive = Zip(zip =>
        {
            var link = zip.CreateEntry("link");
            link.ExternalAttributes = Convert.ToInt32("120777", 8) << 16;
            using var writer = new StreamWriter(link.Open());
            writer.Write("/etc/passwd");
        });

        var error = await SpawnExpectingBuildError(archive);

        Assert.StartsWith("Unsupported symlink for member: link", error.Message);
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "Unsupported symlink for member: link -> /etc/passwd")]
    [InlineData(TarEntryType.HardLink, "Unsupported hard link for member: link -> /etc/passwd")]
    [InlineData(TarEntryType.CharacterDevice, "Unsupported device or special file for member: link")]
    [InlineData(TarEntryType.Fifo, "Unsupported device or special file for member: link")]
    public async Task Tar_links_and_devices_are_rejected(TarEntryType type, string message)
    {
        var archive = Tar(gzip: true, writer =>
        {
            var entry = new PaxTarEntry(type, "link");
            if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            {
                entry.LinkName = "/etc/passwd";
            }

            writer.WriteEntry(entry);
        });

        var error = await SpawnExpectingBuildError(archive);

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public async Task Tar_traversal_is_rejected()
    {
        var archive = Tar(gzip: false, writer => writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../evil.txt")
        {
            DataStream = new MemoryStream("evil"u8.ToArray()),
        }));

        var error = await SpawnExpectingBuildError(archive);

        Assert.StartsWith("Attempted directory traversal for member: ../evil.txt", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Tar_archives_run_whatever_their_file_name(bool gzip)
    {
        var archive = Tar(gzip, writer =>
        {
            foreach (var file in new[] { "functions.py", "minitools.py" })
            {
                writer.WriteEntry(Path.Combine(PythonFunctions.FixturesDirectory, file), file);
            }

            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile")
            {
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(PythonFunctions.Dockerfile("sleep_one_second"))),
            });
        }, name: "function.zip");

        await _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-tar"), CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_fixture.Workspace, "task-tar", "outputs", "out-model")));
    }

    [Fact]
    public async Task A_file_that_is_not_an_archive_is_rejected()
    {
        var archive = Path.Combine(_fixture.Root, "function.tar.gz");
        File.WriteAllText(archive, "this is not an archive");

        var error = await SpawnExpectingBuildError(archive);

        Assert.StartsWith($"Cannot uncompress '{archive}': it is neither a zip nor a tar archive", error.Message);
    }

    [Fact]
    public async Task Bzip2_tar_is_reported_as_unsupported()
    {
        var archive = Path.Combine(_fixture.Root, "function.tar.bz2");
        File.WriteAllBytes(archive, "BZh91AY&SY"u8.ToArray());

        var error = await SpawnExpectingBuildError(archive);

        Assert.Contains("compressed with bzip2, which the local backend does not support", error.Message);
    }

    [Fact]
    public async Task A_rejected_archive_leaves_no_unpacked_folder()
    {
        var archive = Zip(zip =>
        {
            PythonFunctions.AddText(zip, "ok.txt", "fine");
            PythonFunctions.AddText(zip, "../evil.txt", "evil");
        });

        await SpawnExpectingBuildError(archive);

        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_fixture.Workspace, "functions")));
    }

    private async Task<BuildException> SpawnExpectingBuildError(string archive) =>
        await Assert.ThrowsAsync<BuildException>(() => _fixture.Spawner.SpawnAsync(_fixture.Request(archive, "task-unsafe"), CancellationToken.None));

    private string Zip(Action<ZipArchive> fill)
    {
        var path = Path.Combine(_fixture.Root, $"{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        PythonFunctions.AddText(zip, "Dockerfile", PythonFunctions.Dockerfile("train"));
        fill(zip);
        return path;
    }

    private string Tar(bool gzip, Action<TarWriter> fill, string? name = null)
    {
        var path = Path.Combine(_fixture.Root, name ?? $"{Guid.NewGuid():N}.tar");
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            fill(writer);
        }

        return path;
    }
}

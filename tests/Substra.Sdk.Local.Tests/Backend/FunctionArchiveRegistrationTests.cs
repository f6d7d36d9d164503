using System.Formats.Tar;
using Microsoft.Extensions.Logging.Abstractions;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Local;
using Substra.Sdk.Local.Compute.Archives;
using Substra.Sdk.Local.Registration;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Sdk.Models;
using Substra.Sdk.Schemas;
using static Substra.Sdk.Local.Tests.Infrastructure.TestArchives;
using DockerfileEntrypoint = Substra.Sdk.Local.Compute.Subprocess.DockerfileEntrypoint;

namespace Substra.Sdk.Local.Tests.Backend;

/// <summary>
/// add_function checks the archive as the platform's build step would, before anything is copied or registered: unsafe
/// entries, archives past the <see cref="ArchiveLimits"/>, and Dockerfiles without an exec-form ENTRYPOINT are refused.
/// </summary>
public sealed class FunctionArchiveRegistrationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Folder => _temp.Combine("archives");

    [Fact]
    public async Task A_zip_bomb_is_refused_at_add_function_saying_which_limit_and_how_to_raise_it()
    {
        // 32 MiB of zeros deflate to about 32 KB: past the default ratio of 200, far below the default size.
        var archive = Zip(Folder, zip => AddZeros(zip, "weights.bin", 32 * MiB));

        var error = await RefusedAsync<InvalidRequestException>(archive);

        Assert.Equal(400, error.StatusCode);
        Assert.Contains($"The function archive '{archive}' looks like a decompression bomb: its entry 'weights.bin' expands", error.Message);
        Assert.Contains("past the limit of 200 (ArchiveLimits.MaxCompressionRatio)", error.Message);
        Assert.Contains("raise it with ArchiveLimits in the local backend settings (LocalBackendSettings.ArchiveLimits)", error.Message);
    }

    [Fact]
    public async Task The_same_archive_registers_once_the_limit_is_raised()
    {
        var archive = Zip(Folder, zip =>
        {
            PythonFunctions.AddText(zip, "functions.py", "print(1)");
            AddZeros(zip, "weights.bin", 32 * MiB);
        });
        await using var backend = Backend(ArchiveLimits.Default with { MaxCompressionRatio = 2000 });

        var key = await backend.AddFunctionAsync(Spec(archive, "raised"), CancellationToken.None);

        Assert.Equal(FunctionStatus.Ready, (await backend.GetFunctionAsync(key, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_declared_size_past_the_default_limit_is_refused_without_reading_the_entry()
    {
        var archive = Zip(Folder, zip => PythonFunctions.AddText(zip, "huge.bin", "small content, forged size"));
        ForgeDeclaredSize(archive, "huge.bin", 3u << 30);

        var error = await RefusedAsync<InvalidRequestException>(archive);

        Assert.Equal(
            $"The function archive '{archive}' expands to more than 2 GiB (ArchiveLimits.MaxExpandedBytes), reached at its entry 'huge.bin'. " +
            "Ship a smaller function, or raise it with ArchiveLimits in the local backend settings (LocalBackendSettings.ArchiveLimits).",
            error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_tar_past_the_configured_size_is_refused(bool gzip)
    {
        var archive = Tar(Folder, gzip, writer =>
        {
            AddBytes(writer, "a.bin", TestArchives.Random(MiB, seed: 1));
            AddBytes(writer, "b.bin", TestArchives.Random(MiB, seed: 2));
        });

        var error = await RefusedAsync<InvalidRequestException>(archive, ArchiveLimits.Default with { MaxExpandedBytes = 3 * MiB / 2 });

        Assert.StartsWith($"The function archive '{archive}' expands to more than 1,572,864 bytes (ArchiveLimits.MaxExpandedBytes), reached at its entry 'b.bin'.",
            error.Message);
    }

    [Theory]
    [InlineData(true, "holds 11 entries")]
    [InlineData(false, "holds more than 10 entries")]
    public async Task Too_many_entries_are_refused(bool zip, string count)
    {
        var archive = zip
            ? Zip(Folder, archive => { for (var i = 0; i < 10; i++) PythonFunctions.AddText(archive, $"f{i}.py", "pass"); })
            : Tar(Folder, gzip: true, writer => { for (var i = 0; i < 10; i++) AddText(writer, $"f{i}.py", "pass"); });

        var error = await RefusedAsync<InvalidRequestException>(archive, ArchiveLimits.Default with { MaxEntries = 10 });

        Assert.StartsWith($"The function archive '{archive}' {count}, past the limit of 10 (ArchiveLimits.MaxEntries).", error.Message);
        Assert.Contains("raise it with ArchiveLimits", error.Message);
    }

    [Theory]
    [InlineData("zip-traversal", "Attempted directory traversal for member: ../evil.txt")]
    [InlineData("zip-absolute", "Unsupported absolute path for member: /etc/evil.txt")]
    [InlineData("zip-symlink", "Unsupported symlink for member: link")]
    [InlineData("zip-duplicate-dockerfile", "Duplicate member: ./Dockerfile")]
    [InlineData("zip-nul", "Unsupported NUL character in the name of member: evil?.py")]
    [InlineData("tar-traversal", "Attempted directory traversal for member: sub/../../evil.txt")]
    [InlineData("tar-symlink", "Unsupported symlink for member: link -> /etc/passwd")]
    [InlineData("tar-hardlink", "Unsupported hard link for member: link -> /etc/passwd")]
    [InlineData("tar-device", "Unsupported device or special file for member: tty")]
    [InlineData("tar-fifo", "Unsupported device or special file for member: pipe")]
    [InlineData("tar-file-and-folder", "Member lib is both a file and a folder")]
    public async Task Unsafe_entries_are_refused_at_add_function(string kind, string message)
    {
        var archive = UnsafeArchive(kind);

        var error = await RefusedAsync<InvalidRequestException>(archive);

        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith($"{message} (archive '{archive}'). Function archives may only hold regular files and folders", error.Message);
        Assert.EndsWith("rebuild the archive without it.", error.Message);
    }

    [Theory]
    [InlineData(null, "Couldn't get entrypoint in Dockerfile: the function archive '{0}' has no 'Dockerfile' at its root, so it cannot be built. Add one")]
    [InlineData("FROM python:3.11\nCMD [\"python3\"]\n", "The function archive '{0}' cannot be built: Couldn't get entrypoint in Dockerfile: it has no ENTRYPOINT instruction. Add one such as")]
    [InlineData("FROM python:3.11\nENTRYPOINT python3 functions.py --function-name train\n", "The function archive '{0}' cannot be built: Couldn't parse the ENTRYPOINT line in Dockerfile: 'ENTRYPOINT python3 functions.py --function-name train'. It must be in exec form")]
    [InlineData("FROM python:3.11\nENTRYPOINT [\"python3\", \"functions.py\"]\n", "The function archive '{0}' cannot be built: Couldn't extract method name from ENTRYPOINT line in Dockerfile")]
    public async Task A_dockerfile_the_platform_cannot_use_is_refused_at_add_function(string? dockerfile, string message)
    {
        var archive = Zip(Folder, zip =>
        {
            PythonFunctions.AddText(zip, "functions.py", "print(1)");
            if (dockerfile is not null)
            {
                PythonFunctions.AddText(zip, "Dockerfile", dockerfile);
            }
        }, functionName: null);

        var error = await RefusedAsync<InvalidRequestException>(archive);

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, archive), error.Message);
        Assert.Contains(DockerfileEntrypoint.Example, error.Message);
    }

    [Fact]
    public async Task A_dockerfile_in_a_subfolder_does_not_count()
    {
        var archive = Zip(Folder, zip => PythonFunctions.AddText(zip, "app/Dockerfile", PythonFunctions.Dockerfile("train")), functionName: null);

        var error = await RefusedAsync<InvalidRequestException>(archive);

        Assert.Contains("has no 'Dockerfile' at its root", error.Message);
    }

    [Fact]
    public async Task A_bzip2_tar_is_not_supported_and_a_file_that_is_no_archive_is_invalid()
    {
        var bzip2 = Path.Combine(Folder, "function.tar.bz2");
        var text = Path.Combine(Folder, "function.tar.gz");
        Directory.CreateDirectory(Folder);
        await File.WriteAllBytesAsync(bzip2, "BZh91AY&SY"u8.ToArray());
        await File.WriteAllTextAsync(text, "this is not an archive");

        var unsupported = await RefusedAsync<NotSupportedException>(bzip2);
        var invalid = await RefusedAsync<InvalidRequestException>(text);

        Assert.Equal($"Cannot uncompress '{bzip2}': it is a tar compressed with bzip2, which the local backend does not support. " +
            "Repack the function as a .zip or a .tar.gz archive.", unsupported.Message);
        Assert.StartsWith($"Cannot uncompress '{text}': it is neither a zip nor a tar archive.", invalid.Message);
    }

    [Fact]
    public async Task A_truncated_archive_is_refused_as_invalid()
    {
        var whole = Tar(Folder, gzip: true, writer => AddBytes(writer, "data.bin", TestArchives.Random(200_000)));
        var truncated = Path.Combine(Folder, "truncated.tar.gz");
        var bytes = await File.ReadAllBytesAsync(whole);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);

        var error = await RefusedAsync<InvalidRequestException>(truncated);

        Assert.StartsWith($"Cannot uncompress '{truncated}': it is not a valid tar.gz archive", error.Message);
    }

    [Fact]
    public async Task A_missing_archive_is_refused_before_anything_is_created()
    {
        var missing = Path.Combine(Folder, "nowhere.zip");

        var error = await RefusedAsync<InvalidRequestException>(missing);

        Assert.StartsWith($"Could not register the function archive '{missing}': it is not an existing file.", error.Message);
    }

    [Fact]
    public void The_inspector_reads_the_entrypoint_of_python_and_dotnet_archives_without_extracting_them()
    {
        var python = FunctionArchiveInspector.Inspect(PythonFunctions.Archive(Folder, "aggregate"));
        var dotnet = FunctionArchiveInspector.Inspect(DotNetFunctions.Archive(Folder, "predict"));
        var tar = FunctionArchiveInspector.Inspect(Tar(Folder, gzip: true, writer => AddText(writer, "functions.py", "pass"), functionName: "train"));

        Assert.Equal(("aggregate", ArchiveFormat.Zip, 3L), (python.FunctionName, python.Format, python.Entries));
        Assert.Equal("predict", dotnet.FunctionName);
        Assert.Equal("dotnet", dotnet.Entrypoint.Tokens[0]);
        Assert.InRange(dotnet.Entries, 3, ArchiveLimits.DefaultMaxEntries);
        Assert.Equal(("train", ArchiveFormat.TarGzip, 2L), (tar.FunctionName, tar.Format, tar.Entries));
        Assert.Equal(3, Directory.GetFileSystemEntries(Folder).Length);
    }

    [Fact]
    public void Limits_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArchiveLimits { MaxExpandedBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArchiveLimits { MaxEntries = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArchiveLimits { MaxCompressionRatio = 0.5 });
        Assert.Equal((2L << 30, 100_000, 200.0), (ArchiveLimits.Default.MaxExpandedBytes, ArchiveLimits.Default.MaxEntries, ArchiveLimits.Default.MaxCompressionRatio));
    }

    /// <summary>Registers <paramref name="archive"/> expecting a refusal; checks that nothing was copied or registered.</summary>
    private async Task<TException> RefusedAsync<TException>(string archive, ArchiveLimits? limits = null)
        where TException : Exception
    {
        var name = $"refused-{Guid.NewGuid():N}";
        await using var backend = Backend(limits);

        var error = await Assert.ThrowsAsync<TException>(() => backend.AddFunctionAsync(Spec(archive, name), CancellationToken.None));

        Assert.Empty(await backend.ListFunctionsAsync(new ListQuery(new ListFilters { Name = name }), CancellationToken.None));
        var assets = backend.TemporaryDirectory!;
        Assert.False(Directory.Exists(assets) && Directory.EnumerateFileSystemEntries(assets).Any(), $"{assets} holds copied files");
        Assert.False(Directory.Exists(_temp.Combine("local-worker", "functions")), "the archive was extracted");
        return error;
    }

    private IBackend Backend(ArchiveLimits? limits = null) => new LocalBackendFactory().Create(new LocalBackendSettings
    {
        BackendType = BackendType.LocalSubprocess,
        WorkspaceDirectory = _temp.Combine("local-worker"),
        PythonInterpreter = SpawnerFixture.Python,
        ArchiveLimits = limits,
        LoggerFactory = NullLoggerFactory.Instance,
    });

    private FunctionSpec Spec(string archive, string name)
    {
        var description = _temp.Combine("description.md");
        File.WriteAllText(description, "# function\n");
        return new FunctionSpec { Name = name, File = archive, Description = description, Permissions = Permissions.PublicAccess };
    }

    private string UnsafeArchive(string kind) => kind switch
    {
        "zip-traversal" => Zip(Folder, zip => PythonFunctions.AddText(zip, "../evil.txt", "evil")),
        "zip-absolute" => Zip(Folder, zip => PythonFunctions.AddText(zip, "/etc/evil.txt", "evil")),
        "zip-symlink" => Zip(Folder, zip =>
        {
            var link = zip.CreateEntry("link");
            link.ExternalAttributes = Convert.ToInt32("120777", 8) << 16;
            using var writer = new StreamWriter(link.Open());
            writer.Write("/etc/passwd");
        }),
        "zip-nul" => Zip(Folder, zip => PythonFunctions.AddText(zip, "evil\0.py", "evil")),
        "zip-duplicate-dockerfile" => Zip(Folder, zip => PythonFunctions.AddText(zip, "./Dockerfile", "FROM scratch\nENTRYPOINT [\"/bin/sh\", \"--function-name\", \"x\"]\n")),
        "tar-traversal" => Tar(Folder, gzip: false, writer => AddText(writer, "sub/../../evil.txt", "evil")),
        "tar-symlink" => Tar(Folder, gzip: true, writer => writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "/etc/passwd" })),
        "tar-hardlink" => Tar(Folder, gzip: true, writer => writer.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "link") { LinkName = "/etc/passwd" })),
        "tar-device" => Tar(Folder, gzip: true, writer => writer.WriteEntry(new PaxTarEntry(TarEntryType.CharacterDevice, "tty"))),
        "tar-fifo" => Tar(Folder, gzip: false, writer => writer.WriteEntry(new PaxTarEntry(TarEntryType.Fifo, "pipe"))),
        "tar-file-and-folder" => Tar(Folder, gzip: true, writer =>
        {
            AddText(writer, "lib", "a file");
            AddText(writer, "lib/module.py", "pass");
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public void Dispose() => _temp.Dispose();
}

using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Substra.Sdk.Docker.Tests;

/// <summary>A function archive made by a test: a Dockerfile plus files, as .tar.gz or .zip.</summary>
public sealed record FunctionArchive(string Path, string Checksum)
{
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The Python test function (Functions/function.py) registered as <paramref name="functionName"/>.</summary>
    public static FunctionArchive Python(string directory, string functionName, IReadOnlyDictionary<string, string>? extraFiles = null,
        bool zip = false, string? extraDockerfileLines = null)
    {
        var dockerfile =
            $"FROM {DockerEngineFixture.PythonImage}\n" +
            "COPY . /app\n" +
            "WORKDIR /app\n" +
            (extraDockerfileLines ?? "") +
            $"ENTRYPOINT [\"python3\", \"function.py\", \"--function-name\", \"{functionName}\"]\n";
        var files = new Dictionary<string, string>
        {
            ["Dockerfile"] = dockerfile,
            ["function.py"] = File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "Functions", "function.py")),
        };
        foreach (var (name, content) in extraFiles ?? new Dictionary<string, string>()) files[name] = content;
        return Create(directory, files, zip);
    }

    public static FunctionArchive Create(string directory, IReadOnlyDictionary<string, string> files, bool zip = false) =>
        Create(directory, files, new Dictionary<string, byte[]>(), zip);

    public static FunctionArchive Create(string directory, IReadOnlyDictionary<string, string> textFiles,
        IReadOnlyDictionary<string, byte[]> binaryFiles, bool zip = false)
    {
        var files = textFiles.ToDictionary(file => file.Key, file => System.Text.Encoding.UTF8.GetBytes(file.Value));
        foreach (var (name, content) in binaryFiles) files[name] = content;
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, $"function-{Guid.NewGuid():N}" + (zip ? ".zip" : ".tar.gz"));
        using (var file = File.Create(path))
        {
            if (zip)
            {
                using var archive = new ZipArchive(file, ZipArchiveMode.Create);
                foreach (var (name, content) in files)
                {
                    var entry = archive.CreateEntry(name);
                    entry.LastWriteTime = FixedTime;
                    using var entryStream = entry.Open();
                    entryStream.Write(content);
                }
            }
            else
            {
                using var gzip = new GZipStream(file, CompressionLevel.Fastest);
                using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
                foreach (var (name, content) in files)
                {
                    tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
                    {
                        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                        DataStream = new MemoryStream(content),
                        // Same content, same checksum: the image is reused across tests and runs.
                        ModificationTime = FixedTime,
                    });
                }
            }
        }

        using var stream = File.OpenRead(path);
        return new FunctionArchive(path, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}

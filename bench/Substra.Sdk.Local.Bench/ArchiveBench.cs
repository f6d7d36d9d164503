using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Local.Bench;

/// <summary>
/// What add_function's archive check costs: the wall and CPU time (the latter steadier on a busy machine) to register archives of 100,000 entries (the default limit)
/// and to refuse archives of 200,000, as zip and tar.gz, beside a 3-entry archive.
/// </summary>
internal static class ArchiveBench
{
    private const string Dockerfile = "FROM python:3.11-slim\nCOPY . .\nENTRYPOINT [\"python3\", \"functions.py\", \"--function-name\", \"train\"]\n";

    public static async Task RunAsync(string root)
    {
        var folder = Path.Combine(root, "archive-bench");
        Directory.CreateDirectory(folder);
        await using var backend = new LocalBackendFactory().Create(new LocalBackendSettings
        {
            BackendType = BackendType.LocalSubprocess,
            WorkspaceDirectory = Path.Combine(folder, "local-worker"),
            LoggerFactory = NullLoggerFactory.Instance,
        });
        var description = Path.Combine(folder, "description.md");
        await File.WriteAllTextAsync(description, "# bench\n");
        foreach (var entries in new[] { 3, 100_000, 200_000 })
        {
            foreach (var zip in new[] { true, false })
            {
                var archive = Write(folder, entries, zip);
                var times = new List<(double Wall, double Cpu)>();
                var outcome = "";
                for (var run = 0; run < 3; run++)
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    try
                    {
                        await backend.AddFunctionAsync(new FunctionSpec
                        {
                            Name = "bench", File = archive, Description = description, Permissions = Permissions.PublicAccess,
                        }, CancellationToken.None);
                        outcome = "registered";
                    }
                    catch (InvalidRequestException e)
                    {
                        outcome = "refused: " + e.Message[..e.Message.IndexOf('(', StringComparison.Ordinal)].Replace(archive, "…", StringComparison.Ordinal).Trim();
                    }

                    times.Add((clock.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"add_function, {(zip ? "zip" : "tar.gz")} of {entries:N0} entries ({new FileInfo(archive).Length / 1e6:0.0} MB): " +
                    $"{times.Select(time => time.Wall).Order().ElementAt(1):0} ms wall, {times.Select(time => time.Cpu).Order().ElementAt(1):0} ms CPU " +
                    $"(medians of 3), {outcome}"));
            }
        }
    }

    /// <summary>A Dockerfile, functions.py and small files spread over folders of 1,000, as a Python function's dependencies are.</summary>
    private static string Write(string folder, int entries, bool zip)
    {
        var path = Path.Combine(folder, $"function-{entries}.{(zip ? "zip" : "tar.gz")}");
        var content = new byte[100];
        using var file = File.Create(path);
        if (zip)
        {
            using var archive = new ZipArchive(file, ZipArchiveMode.Create);
            Add(archive.CreateEntry("Dockerfile"), System.Text.Encoding.UTF8.GetBytes(Dockerfile));
            Add(archive.CreateEntry("functions.py"), content);
            for (var i = 2; i < entries; i++)
            {
                Add(archive.CreateEntry($"site-packages/p{i / 1000}/m{i}.py", CompressionLevel.Fastest), content);
            }
        }
        else
        {
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            using var writer = new TarWriter(gzip, TarEntryFormat.Pax);
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Dockerfile)) });
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "functions.py") { DataStream = new MemoryStream(content) });
            for (var i = 2; i < entries; i++)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"site-packages/p{i / 1000}/m{i}.py") { DataStream = new MemoryStream(content) });
            }
        }

        return path;
    }

    private static void Add(ZipArchiveEntry entry, byte[] content)
    {
        using var stream = entry.Open();
        stream.Write(content);
    }
}

using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Subprocess;

namespace Substra.Sdk.Local.Bench;

/// <summary>
/// What protecting task inputs costs in subprocess mode: a private copy of a 200 MB model against a hard link (File.Copy
/// clones instead where the file system can), a task whose data samples are bound read-only in a private mount namespace
/// against the same task without samples, and copying a sample tree (the fallback where namespaces are refused).
/// </summary>
internal static class InputsBench
{
    private const int Runs = 15;

    public static async Task RunAsync(string root)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "inputs")).FullName;
        ModelCopy(folder, 200);
        await SampleMountsAsync(folder);
        SampleTreeCopy(folder, files: 100, megabytesEach: 1);
    }

    private static void ModelCopy(string folder, int megabytes)
    {
        var model = Path.Combine(folder, "model.bin");
        var bytes = new byte[1024 * 1024];
        using (var stream = File.Create(model))
        {
            for (var i = 0; i < megabytes; i++)
            {
                Random.Shared.NextBytes(bytes);
                stream.Write(bytes);
            }
        }

        var copy = Median(i => File.Copy(model, Path.Combine(folder, $"copy-{i}")), cleanUp: i => File.Delete(Path.Combine(folder, $"copy-{i}")));
        var hardLink = Median(i => Check(link(model, Path.Combine(folder, $"link-{i}"))), cleanUp: i => File.Delete(Path.Combine(folder, $"link-{i}")));
        Console.WriteLine($"model input of {megabytes} MB: private copy (File.Copy) {copy:F1} ms, hard link {hardLink:F3} ms (median of {Runs}, page cache warm)");
        File.Delete(model);
    }

    private static async Task SampleMountsAsync(string folder)
    {
        // A native `true` as the function: the process itself costs next to nothing, the difference is the namespace and the binds.
        var archive = Path.Combine(folder, "true.zip");
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("Dockerfile").Open()))
            {
                writer.Write("FROM scratch\nENTRYPOINT [\"./true\", \"--function-name\", \"noop\"]\n");
            }

            var entry = zip.CreateEntryFromFile("/bin/true", "true");
            entry.ExternalAttributes = Convert.ToInt32("100755", 8) << 16;
        }

        var checksum = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(archive)));
        await using var spawner = new SubprocessSpawner(new SubprocessSpawnerOptions { WorkspaceDirectory = Path.Combine(folder, "workspace") });
        var samples = Enumerable.Range(0, 100).Select(i => PathOf(Directory.CreateDirectory(Path.Combine(folder, "samples", $"s{i}")))).ToList();
        foreach (var count in new[] { 0, 1, 10, 100 })
        {
            var sampleMap = samples.Take(count).Select((path, i) => (Key: $"sample-{i}", Path: path)).ToDictionary(s => s.Key, s => s.Path);
            var times = new List<double>();
            var deletions = new List<double>();
            for (var i = -1; i < Runs; i++)
            {
                var directory = Path.Combine(folder, "workspace", $"task-{count}-{i}");
                var stopwatch = Stopwatch.StartNew();
                await spawner.SpawnAsync(new SpawnRequest($"t{i}", archive, checksum, directory, [], sampleMap, TextWriter.Null, null), CancellationToken.None);
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
                // The backend deletes task folders in the background, off the task's path: timed apart.
                stopwatch.Restart();
                Directory.Delete(directory, recursive: true);
                deletions.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            times.RemoveAt(0);
            deletions.RemoveAt(0);
            Console.WriteLine($"task with {count} data sample(s) bound read-only: {times.Order().ElementAt(Runs / 2):F1} ms per spawn of a native no-op, " +
                              $"then {deletions.Order().ElementAt(Runs / 2):F1} ms to delete its folder in the background (medians of {Runs})");
        }
    }

    private static void SampleTreeCopy(string folder, int files, int megabytesEach)
    {
        var sample = Directory.CreateDirectory(Path.Combine(folder, "tree")).FullName;
        var bytes = new byte[megabytesEach * 1024 * 1024];
        for (var i = 0; i < files; i++)
        {
            Random.Shared.NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(sample, $"f{i}.bin"), bytes);
        }

        var copy = Median(
            i =>
            {
                var target = Directory.CreateDirectory(Path.Combine(folder, $"tree-copy-{i}")).FullName;
                foreach (var file in Directory.GetFiles(sample))
                {
                    File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
                }
            },
            cleanUp: i => Directory.Delete(Path.Combine(folder, $"tree-copy-{i}"), recursive: true));
        Console.WriteLine($"fallback without namespaces: copying a data sample of {files} files x {megabytesEach} MB: {copy:F1} ms (median of {Runs})");
    }

    private static double Median(Action<int> run, Action<int> cleanUp)
    {
        run(-1);
        cleanUp(-1);
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            run(i);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            cleanUp(i);
        }

        return times.Order().ElementAt(Runs / 2);
    }

    private static string PathOf(DirectoryInfo directory) => directory.FullName;

    private static void Check(int result)
    {
        if (result != 0)
        {
            throw new IOException($"link failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in this project for a single call.
    private static extern int link(string oldpath, string newpath);
#pragma warning restore SYSLIB1054
}

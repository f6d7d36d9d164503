using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Substra.Sdk.Local.Compute.Subprocess;
using Substra.Sdk.Local.Compute.Subprocess.Launch;

namespace Substra.Sdk.Local.Bench;

/// <summary>
/// The function process alone: the archive's exec-form ENTRYPOINT run directly (same <c>dotnet</c> host or Python
/// interpreter, same working folder), with a captured task's arguments file.
/// </summary>
internal sealed class FunctionProcess(string program, IReadOnlyList<string> arguments, string workingDirectory)
{
    public static FunctionProcess FromArchive(string archive, string folder, string dotnetHost, string python)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        ZipFile.ExtractToDirectory(archive, folder);
        var entrypoint = File.ReadAllLines(Path.Combine(folder, "Dockerfile")).Last(line => line.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        var tokens = JsonSerializer.Deserialize<string[]>(entrypoint["ENTRYPOINT".Length..].Trim())
            ?? throw new InvalidOperationException($"The Dockerfile of {archive} has no exec-form ENTRYPOINT.");
        var nameIndex = Array.IndexOf(tokens, "--function-name");
        var rest = tokens.Where((_, i) => i != nameIndex && i != nameIndex + 1).Skip(1)
            .Select(token => token.EndsWith(".dll", StringComparison.Ordinal) || token.EndsWith(".py", StringComparison.Ordinal) ? Path.Combine(folder, token) : token)
            .ToList();
        var program = tokens[0] == "dotnet" ? dotnetHost : tokens[0].StartsWith("python", StringComparison.Ordinal) ? python
            : throw new InvalidOperationException($"The bench runs dotnet and Python entrypoints only, not '{tokens[0]}'.");
        // posix_spawn takes a path, not a name to look up.
        return new FunctionProcess(ExecutableSearch.Find(program, Environment.GetEnvironmentVariable("PATH")) ?? program, rest, folder);
    }

    /// <summary>
    /// Wall time per run of <paramref name="runs"/> runs, <paramref name="concurrency"/> at a time (each runner with its
    /// own copy of the captured task, so that concurrent runs never share an output file).
    /// </summary>
    public async Task<double> WallPerRunMillisecondsAsync(string capturedTask, int runs, int concurrency)
    {
        var remaining = runs;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async runner =>
        {
            var copy = capturedTask + "-runner-" + runner;
            CapturedTask.Copy(capturedTask, copy);
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await RunAsync(CapturedTask.ArgumentsFile(copy));
            }
        }));
        return stopwatch.Elapsed.TotalMilliseconds / runs;
    }

    // As bare as a run can be: posix_spawn, output to /dev/null, a blocking wait; so that the overhead counts everything the
    // platform adds, its own way of starting the process and reading its output included.
    private Task RunAsync(string argumentsFile) => Task.Run(() =>
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string)entry.Value!;
        }

        var pid = PosixSpawn.Start(program, [.. arguments, "@" + argumentsFile], environment, workingDirectory, -1, -1, -1);
        var pidfd = Libc.OpenPidfd(pid);
        var exitCode = Libc.Reap(pidfd, out var error);
        Libc.close(pidfd);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"The function process {program} {string.Join(' ', arguments)} @{argumentsFile} exited with code {exitCode} (wait error {error}).");
        }
    });
}

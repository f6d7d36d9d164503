using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace Substra.Sdk.Local.Bench;

/// <summary>
/// The function process alone: the archive's exec-form ENTRYPOINT run as the subprocess spawner runs it (same
/// <c>dotnet</c> host or Python interpreter, same working folder, output drained), with a captured task's arguments file.
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
        return new FunctionProcess(program, rest, folder);
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

    private async Task RunAsync(string argumentsFile)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("@" + argumentsFile);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The function process {program} {string.Join(' ', start.ArgumentList)} exited with code {process.ExitCode}.");
        }
    }
}

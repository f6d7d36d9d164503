using System.Diagnostics;

namespace Substra.Sdk.Docker.Bench;

/// <summary>
/// <c>docker run --rm</c> of a task's image and command line on a captured copy of its folders, with the spawner's
/// mounts and confinement: what a task costs without the backend. Timed from the CLI's start to its exit.
/// </summary>
internal sealed class BareDockerRun(string image, string capturedTask)
{
    /// <summary>Wall time per run, running <paramref name="runs"/> one after the other.</summary>
    public async Task<double> MillisecondsPerRunAsync(int runs, bool networkNone)
    {
        var outputs = Path.Combine(capturedTask, "outputs");
        Directory.CreateDirectory(outputs);
        if (!OperatingSystem.IsWindows())
        {
            // The container runs as uid 1000, as the spawner's do.
            File.SetUnixFileMode(outputs, (UnixFileMode)0b111_111_111);
        }
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            await RunOnceAsync(networkNone);
        }

        return watch.Elapsed.TotalMilliseconds / runs;
    }

    private async Task RunOnceAsync(bool networkNone)
    {
        string Mount(string volume, bool readOnly) =>
            $"type=bind,source={Path.Combine(capturedTask, volume)},target=/substra_internal/{volume}{(readOnly ? ",readonly" : "")}";
        List<string> arguments =
        [
            "run", "--rm", .. networkNone ? new[] { "--network", "none" } : [],
            "--user", "1000:1000", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--shm-size", "8g",
            "--mount", Mount("inputs", readOnly: true), "--mount", Mount("outputs", readOnly: false), "--mount", Mount("cli-args", readOnly: true),
            image, "@/substra_internal/cli-args/arguments.txt",
        ];
        using var process = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("Could not start the docker CLI.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`docker {string.Join(' ', arguments)}` exited {process.ExitCode}: {await error}{await output}");
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace Substra.Benchmarks;

/// <summary>Runs a harness as a child process and returns its standard output, or why it gave none.</summary>
internal static class ChildProcess
{
    public static async Task<(string? Output, string? Failure)> RunAsync(
        string repository, TimeSpan timeout, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var label = $"{fileName} {string.Join(' ', arguments)}";
        Console.Error.WriteLine($"[bench] running {label} (timeout {timeout.TotalSeconds:F0} s)");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {label}.");
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { lock (output) { output.AppendLine(line.Data); } } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { lock (error) { error.AppendLine(line.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return (null, $"timed out after {timeout.TotalSeconds:F0} s");
        }

        Console.Error.Write(output.ToString());
        if (process.ExitCode != 0)
        {
            var lastLine = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
            return (null, $"exit code {process.ExitCode} ({lastLine.Replace('|', '/')})");
        }

        return (output.ToString(), null);
    }
}

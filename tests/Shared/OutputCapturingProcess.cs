using System.Diagnostics;
using System.Text;

namespace Substra.Tests.Shared;

/// <summary>
/// Runs a program out of process and keeps its standard output and error, interleaved, for assertion messages; a run
/// that outlives its timeout is killed with its children. Linked into the test projects that drive the real CLI.
/// </summary>
internal static class OutputCapturingProcess
{
    /// <param name="environment">Variables to set; a <c>null</c> value removes the variable from the inherited environment.</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program, string workingDirectory, IEnumerable<KeyValuePair<string, string?>> environment, TimeSpan timeout, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
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
            throw new TimeoutException($"`{program} {string.Join(' ', arguments)}` did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}

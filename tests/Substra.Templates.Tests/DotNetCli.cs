using System.Diagnostics;
using System.Text;

namespace Substra.Templates.Tests;

/// <summary>Runs the real <c>dotnet</c> CLI in an isolated environment and keeps its output for assertion messages.</summary>
internal sealed class DotNetCli(string packagesDirectory, string homeDirectory)
{
    public sealed record Result(int ExitCode, string Output)
    {
        public Result EnsureSuccess(string what)
        {
            Assert.True(ExitCode == 0, $"{what} failed with exit code {ExitCode}:\n{Tail(Output)}");
            return this;
        }

        private static string Tail(string text) => text.Length <= 12_000 ? text : "…" + text[^12_000..];
    }

    public async Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A private package folder: the freshly packed framework never mixes with the machine's cache.
        start.Environment["NUGET_PACKAGES"] = packagesDirectory;
        start.Environment["DOTNET_CLI_HOME"] = homeDirectory;
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // No build servers: they would outlive the test and hold the packed task dlls.
        start.Environment["MSBUILDUSESERVER"] = "0";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["MSBuildExtensionsPath"] = null;
        start.Environment["MSBUILD_EXE_PATH"] = null;
        start.Environment["MSBuildSDKsPath"] = null;

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
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString());
        }
    }
}

using Xunit;

namespace Substra.Tests.Shared;

/// <summary>
/// Runs the real <c>dotnet</c> CLI in an isolated environment (its own package folder and CLI home) and keeps its
/// output for assertion messages. Linked into the test projects that restore freshly packed packages.
/// </summary>
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

    public Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
        => RunAsync(workingDirectory, timeout, [], arguments);

    /// <param name="extraEnvironment">More variables for this run (e.g. a generated runner's SUBSTRA_ORG_1_*).</param>
    public async Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyList<KeyValuePair<string, string?>> extraEnvironment, params string[] arguments)
    {
        KeyValuePair<string, string?>[] environment =
        [
            // A private package folder: the freshly packed framework never mixes with the machine's cache.
            new("NUGET_PACKAGES", packagesDirectory),
            new("DOTNET_CLI_HOME", homeDirectory),
            new("DOTNET_NOLOGO", "1"),
            new("DOTNET_CLI_TELEMETRY_OPTOUT", "1"),
            new("DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "1"),
            // No build servers: they would outlive the test and hold the packed task dlls.
            new("MSBUILDUSESERVER", "0"),
            new("DOTNET_CLI_USE_MSBUILD_SERVER", "0"),
            new("UseSharedCompilation", "false"),
            new("MSBuildExtensionsPath", null),
            new("MSBUILD_EXE_PATH", null),
            new("MSBuildSDKsPath", null),
            // Whatever the machine's SUBSTRA_* say, a generated runner starts from its defaults unless a test configures it.
            .. Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Where(name => name.StartsWith("SUBSTRA_", StringComparison.OrdinalIgnoreCase))
                .Select(name => new KeyValuePair<string, string?>(name, null)),
            .. extraEnvironment,
        ];
        var (exitCode, output) = await OutputCapturingProcess.RunAsync("dotnet", workingDirectory, environment, timeout, arguments);
        return new Result(exitCode, output);
    }
}

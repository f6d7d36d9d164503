using Substra.Tests.Shared;

namespace Substra.Build.Tests.Infrastructure;

/// <summary>
/// Runs the real <c>dotnet</c> CLI out of process, without node reuse or build servers that would keep the freshly built
/// task dll loaded between tests.
/// </summary>
internal static class DotNetCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static readonly KeyValuePair<string, string?>[] Isolation =
    [
        new("MSBUILDUSESERVER", "0"),
        new("DOTNET_CLI_USE_MSBUILD_SERVER", "0"),
        new("MSBUILDDISABLENODEREUSE", "1"),
        new("DOTNET_NOLOGO", "1"),
        new("DOTNET_CLI_TELEMETRY_OPTOUT", "1"),
        // The test host's own MSBuild variables must not leak into the child build.
        new("MSBuildExtensionsPath", null),
        new("MSBuildSDKsPath", null),
        new("MSBUILD_EXE_PATH", null),
    ];

    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        => RunProgramAsync("dotnet", workingDirectory, environment, arguments);

    public static async Task<ProcessResult> RunProgramAsync(string program, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var variables = Isolation.Concat((environment ?? new Dictionary<string, string>()).Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)));
        var (exitCode, output) = await OutputCapturingProcess.RunAsync(program, workingDirectory, variables, Timeout, arguments);
        return new ProcessResult(program + " " + string.Join(' ', arguments), exitCode, output);
    }
}

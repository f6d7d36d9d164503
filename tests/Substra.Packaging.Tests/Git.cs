using Substra.Tests.Shared;

namespace Substra.Packaging.Tests;

/// <summary>Runs the real git CLI for the tests' clones; a failure fails the test with git's output.</summary>
internal static class Git
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<string> RunAsync(string workingDirectory, params string[] arguments)
    {
        KeyValuePair<string, string?>[] environment =
        [
            // The machine's or the user's git settings (signing, hooks, templates) must not change the clones.
            new("GIT_CONFIG_NOSYSTEM", "1"),
            new("GIT_CONFIG_GLOBAL", "/dev/null"),
            new("GIT_AUTHOR_NAME", "Substra tests"),
            new("GIT_AUTHOR_EMAIL", "tests@substra.invalid"),
            new("GIT_COMMITTER_NAME", "Substra tests"),
            new("GIT_COMMITTER_EMAIL", "tests@substra.invalid"),
        ];
        // CI runs the tests as root on a checkout owned by its runner user: git would refuse to read it.
        string[] command = ["-c", "safe.directory=*", .. arguments];
        var (exitCode, output) = await OutputCapturingProcess.RunAsync("git", workingDirectory, environment, Timeout, command);
        Assert.True(exitCode == 0, $"git {string.Join(' ', arguments)} failed with exit code {exitCode}:\n{output}");
        return output;
    }

    public static Task<string> CommitAsync(string repository, string message)
        => RunAsync(repository, "-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message);
}

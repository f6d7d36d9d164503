namespace Substra.Build.Tests.Infrastructure;

/// <summary>Exit code and combined output of a finished <c>dotnet</c> command.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"`{Command}` exited with {ExitCode}:\n{Output}";
}

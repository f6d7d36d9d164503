namespace Substra.Tools.Tests.Support;

/// <summary>What a finished process gave.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The lines of stderr that report the failure (the runtime prints exactly one).</summary>
    public IReadOnlyList<string> ErrorLines
        => StandardError.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith("error: ", StringComparison.Ordinal) || line.Contains(": error: ", StringComparison.Ordinal)).ToList();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

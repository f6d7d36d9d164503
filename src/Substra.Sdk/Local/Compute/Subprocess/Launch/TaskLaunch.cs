namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>What a task process runs: a program found on disk (full path), its arguments, folder and whole environment.</summary>
internal sealed record TaskLaunch(
    string Program,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string RunId);

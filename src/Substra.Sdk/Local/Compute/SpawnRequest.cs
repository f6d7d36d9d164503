namespace Substra.Sdk.Local.Compute;

/// <summary>One task for a spawner.</summary>
/// <param name="TaskKey">The task key (used in container names and log lines).</param>
/// <param name="ArchivePath">The function archive (zip or tar, any compression) with its Dockerfile at the root.</param>
/// <param name="ArchiveChecksum">The archive's SHA-256 hex digest: unpacked folders and images are keyed on it.</param>
/// <param name="TaskDirectory">
/// <c>local-worker/&lt;task_key&gt;</c>, holding <c>inputs/</c>, <c>outputs/</c> and <c>cli-args/</c> (already created).
/// </param>
/// <param name="Arguments">
/// The task's arguments without <c>--function-name</c>, with the placeholders <c>${_VOLUME_INPUTS}</c>,
/// <c>${_VOLUME_OUTPUTS}</c> and <c>${_VOLUME_CLI_ARGS}</c> that each spawner substitutes with its own paths.
/// </param>
/// <param name="DataSamples">Data-sample key → the sample's folder; exposed as <c>${_VOLUME_INPUTS}/&lt;key&gt;</c>.</param>
/// <param name="LogWriter">Receives the task's standard output and error, line by line.</param>
/// <param name="Timeout">Kills the task after this long; <c>null</c> for no limit.</param>
internal sealed record SpawnRequest(
    string TaskKey,
    string ArchivePath,
    string ArchiveChecksum,
    string TaskDirectory,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> DataSamples,
    TextWriter LogWriter,
    TimeSpan? Timeout)
{
    /// <summary>The placeholder for the task's inputs folder.</summary>
    public const string InputsVolume = "${_VOLUME_INPUTS}";

    /// <summary>The placeholder for the task's outputs folder.</summary>
    public const string OutputsVolume = "${_VOLUME_OUTPUTS}";

    /// <summary>The placeholder for the folder holding <c>arguments.txt</c>.</summary>
    public const string CliArgsVolume = "${_VOLUME_CLI_ARGS}";
}

namespace Substra.Sdk.Local.Compute;

/// <summary>Where a spawner exposes the task's folders to the function (host paths, or container mount points).</summary>
internal sealed record TaskVolumes(string Inputs, string Outputs, string CliArgs)
{
    /// <summary>The value with <c>${_VOLUME_INPUTS}</c>, <c>${_VOLUME_OUTPUTS}</c> and <c>${_VOLUME_CLI_ARGS}</c> replaced.</summary>
    public string Substitute(string value) => value
        .Replace(SpawnRequest.InputsVolume, Inputs, StringComparison.Ordinal)
        .Replace(SpawnRequest.OutputsVolume, Outputs, StringComparison.Ordinal)
        .Replace(SpawnRequest.CliArgsVolume, CliArgs, StringComparison.Ordinal);
}

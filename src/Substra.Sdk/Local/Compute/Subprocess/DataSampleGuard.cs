using Microsoft.Extensions.Logging;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// Shows each task its data samples at <c>inputs/&lt;key&gt;/</c> without letting the function change the user's files
/// (the function runs as this process's user, often root, so file modes cannot stop it): read-only binds in a private
/// mount namespace where this machine allows them (decided once, by trying), else private copies.
/// </summary>
internal sealed class DataSampleGuard
{
    private readonly Lazy<DataSampleExposure> _exposure;

    public DataSampleGuard(DataSampleExposure requested, string scratchDirectory, ILogger logger)
    {
        _exposure = new(() => Resolve(requested, scratchDirectory, logger));
    }

    /// <summary>How samples are shown: <see cref="DataSampleExposure.ReadOnlyMounts"/> or <see cref="DataSampleExposure.PrivateCopies"/>.</summary>
    public DataSampleExposure Exposure => _exposure.Value;

    /// <summary>Makes <c>inputs/&lt;key&gt;</c> for every sample; returns the command that runs the function with them.</summary>
    public (string Program, IReadOnlyList<string> Arguments) Prepare(
        string taskDirectory, IReadOnlyDictionary<string, string> dataSamples, string program, IReadOnlyList<string> arguments)
    {
        if (dataSamples.Count == 0)
        {
            return (program, arguments);
        }

        var binds = new List<(string Source, string Target)>(dataSamples.Count);
        foreach (var (key, folder) in dataSamples)
        {
            if (key.Length == 0 || key is "." or ".." || key.IndexOfAny(['/', '\\', '\0']) >= 0)
            {
                throw new BuildException($"The data sample key '{key}' cannot name a folder; sample keys are UUIDs.");
            }

            var source = Path.GetFullPath(folder);
            if (!Directory.Exists(source))
            {
                throw new ExecutionException(
                    $"The folder '{source}' of data sample {key} does not exist any more; data samples are registered in place, so their folder must stay.");
            }

            binds.Add((source, Path.Combine(taskDirectory, "inputs", key)));
        }

        if (Exposure == DataSampleExposure.PrivateCopies)
        {
            binds.ForEach(bind => DataSampleCopies.Create(bind.Source, bind.Target));
            return (program, arguments);
        }

        binds.ForEach(bind => Directory.CreateDirectory(bind.Target));
        var fstab = Path.Combine(taskDirectory, "data-samples.fstab");
        MountNamespace.WriteFstab(fstab, binds);
        return MountNamespace.Wrap(fstab, program, arguments);
    }

    private static DataSampleExposure Resolve(DataSampleExposure requested, string scratchDirectory, ILogger logger)
    {
        if (requested == DataSampleExposure.PrivateCopies)
        {
            return requested;
        }

        Directory.CreateDirectory(scratchDirectory);
        if (MountNamespace.Probe(scratchDirectory) is not { } failure)
        {
            return DataSampleExposure.ReadOnlyMounts;
        }

        if (requested == DataSampleExposure.ReadOnlyMounts)
        {
            throw new NotSupportedException($"Read-only data-sample mounts are not available on this machine: {failure}.");
        }

        logger.LogWarning(
            "Data samples are copied into each task's folder, because read-only mounts are not available here ({Reason}). Copies protect " +
            "the samples but cost their size per task; where unshare works (Linux, as root or with user namespaces) or in docker mode, nothing is copied.",
            failure);
        return DataSampleExposure.PrivateCopies;
    }
}

using Substra.Sdk.Local.Compute.Archives;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>How the subprocess spawner finds its workspace and the interpreters that run functions.</summary>
internal sealed record SubprocessSpawnerOptions
{
    /// <summary>The environment variable naming the Python interpreter for <c>.py</c> entrypoints.</summary>
    public const string PythonEnvironmentVariable = "SUBSTRA_PYTHON";

    /// <summary>The local workspace (<c>local-worker</c>); archives are unpacked into its <c>functions/</c> folder.</summary>
    public string WorkspaceDirectory { get; init; } = "local-worker";

    /// <summary>
    /// The interpreter for <c>.py</c> entrypoints. <c>null</c>: the <c>SUBSTRA_PYTHON</c> environment variable, else
    /// <c>python3</c> on the PATH. When set, task processes get it as <c>SUBSTRA_PYTHON</c>, so that a .NET function
    /// runs a Python opener with it too.
    /// </summary>
    public string? PythonInterpreter { get; init; }

    /// <summary>
    /// The <c>dotnet</c> host for <c>dotnet &lt;dll&gt;</c> entrypoints. <c>null</c>: <c>DOTNET_HOST_PATH</c>, else the host
    /// running this process, else <c>dotnet</c> on the PATH.
    /// </summary>
    public string? DotnetHost { get; init; }

    /// <summary>
    /// The id every task process carries in <c>SUBSTRA_LOCAL_PLATFORM</c>, so that <see cref="TaskProcessReaper.KillPlatform"/>
    /// finds what a killed host left running. A platform passes its persistent workspace id; <c>null</c>: a fresh random
    /// id per spawner.
    /// </summary>
    public string? PlatformId { get; init; }

    /// <summary>How far a function archive may expand when it is unpacked; <c>null</c> for <see cref="ArchiveLimits.Default"/>.</summary>
    public ArchiveLimits? ArchiveLimits { get; init; }

    /// <summary>How tasks see their data samples; <see cref="DataSampleExposure.Automatic"/> outside tests.</summary>
    internal DataSampleExposure DataSamples { get; init; } = DataSampleExposure.Automatic;

    /// <summary>Starts task processes with <see cref="System.Diagnostics.Process"/> even where the native launcher works (tests of that path).</summary>
    internal bool UseProcessClass { get; init; }

    internal string ResolvePython() =>
        PythonInterpreter is { Length: > 0 } configured ? configured
        : Environment.GetEnvironmentVariable(PythonEnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : "python3";

    internal string ResolveDotnetHost()
    {
        if (DotnetHost is { Length: > 0 } configured)
        {
            return configured;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } processPath &&
            Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
        {
            var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "dotnet";
    }
}

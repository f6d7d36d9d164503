namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>Starts task processes: natively on Linux (<see cref="NativeTaskLauncher"/>), else with <see cref="ProcessClassLauncher"/>.</summary>
internal interface ITaskProcessLauncher : IDisposable
{
    /// <summary>Whether its processes die when this process dies, even killed.</summary>
    bool DiesWithHost { get; }

    /// <summary>Whether each process it starts leads its own session and process group.</summary>
    bool OwnProcessGroup { get; }

    /// <summary>Starts <paramref name="launch"/>, its output lines going to <paramref name="log"/>; throws <see cref="TaskLaunchException"/> when it cannot.</summary>
    Task<ITaskProcess> StartAsync(TaskLaunch launch, TaskOutputLog log);
}

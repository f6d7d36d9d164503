namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>A started task process as the spawner drives it, whichever launcher started it.</summary>
internal interface ITaskProcess : IDisposable
{
    int Id { get; }

    /// <summary>Whether it leads its own session and process group (whose id is <see cref="Id"/>).</summary>
    bool OwnProcessGroup { get; }

    /// <summary>Completes with the exit code once the process has exited (128 + the signal for a killed process).</summary>
    Task<int> Exited { get; }

    /// <summary>Completes once both output streams are at their end, or reading them was stopped.</summary>
    Task OutputEnded { get; }

    /// <summary>Stops reading the output: whoever still holds the pipes (an escaped child) may never close them.</summary>
    void StopReading();

    /// <summary>SIGKILLs the process itself (and, when it has no group of its own, the tree it started).</summary>
    void Kill();
}

using Substra.Sdk.Local.Compute.Subprocess.Launch;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// One run of one task: its process, the run id all its processes carry (<see cref="TaskProcessReaper.RunVariable"/>),
/// and whether the process leads its own process group.
/// </summary>
internal sealed class TaskRun(string runId, ITaskProcess process)
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _killedByDisposal;

    public string RunId { get; } = runId;

    /// <summary>Completes when the spawner is done with the run (its processes killed, its output read).</summary>
    public Task Ended => _ended.Task;

    /// <summary>Whether the spawner was disposed while the run was going.</summary>
    public bool KilledByDisposal => _killedByDisposal;

    /// <summary>
    /// The cheap kill: the process group (when the task has one; this reaches re-parented children that stayed in it),
    /// else the process tree. Processes that left the group are for <see cref="TaskProcessReaper"/>.
    /// </summary>
    public void KillProcessGroup()
    {
        // The group outlives its leader while any member lives, so its id cannot be reused before the kill.
        if (process.OwnProcessGroup)
        {
            ProcessSignals.KillGroup(process.Id);
        }

        // The function itself may have left its group.
        process.Kill();
    }

    /// <summary>Kills every process of the run: the group, then a scan for the ones that left it.</summary>
    public void KillAll()
    {
        KillProcessGroup();
        TaskProcessReaper.KillRun(RunId);
    }

    public void MarkKilledByDisposal() => _killedByDisposal = true;

    public void MarkEnded() => _ended.TrySetResult();
}

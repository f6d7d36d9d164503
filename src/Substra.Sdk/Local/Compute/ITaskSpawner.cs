namespace Substra.Sdk.Local.Compute;

/// <summary>
/// Runs one task of a function archive: as a process on this machine (subprocess) or in a container (docker).
/// The local backend's scheduler prepares the task directory, then calls the spawner; it never knows which one it has.
/// </summary>
internal interface ITaskSpawner : IAsyncDisposable
{
    /// <summary>
    /// Runs the task to completion. Returns normally when the function exited 0; throws <see cref="BuildException"/>
    /// when the function could not be prepared (archive, entrypoint, image build) and <see cref="ExecutionException"/>
    /// when it ran and failed. Cancellation kills the process or container (with its children) and throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    Task SpawnAsync(SpawnRequest request, CancellationToken cancellationToken);
}

namespace Substra.Sdk.Backends;

/// <summary>
/// A backend that can tell when its state changes (the local platform): wait loops wake on the change instead of
/// sleeping through their polling period, so a wait returns within milliseconds of the end of a plan or task.
/// </summary>
internal interface IChangeSignalingBackend
{
    /// <summary>Completes at the backend's next state change; taken before a read, awaited after it.</summary>
    Task NextChange { get; }
}

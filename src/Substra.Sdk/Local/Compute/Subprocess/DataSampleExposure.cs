namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>How the subprocess spawner shows a task its data samples so that the function cannot change the user's files.</summary>
internal enum DataSampleExposure
{
    /// <summary><see cref="ReadOnlyMounts"/> where this machine allows it, else <see cref="PrivateCopies"/>.</summary>
    Automatic,

    /// <summary>
    /// The function runs in a private mount namespace where each sample folder is bind-mounted read-only at
    /// <c>inputs/&lt;key&gt;</c>: nothing is copied, and a write fails with "Read-only file system", even as root.
    /// </summary>
    ReadOnlyMounts,

    /// <summary>Each sample's files are copied to <c>inputs/&lt;key&gt;</c> (a reflink where the file system clones): writes change the copy.</summary>
    PrivateCopies,
}

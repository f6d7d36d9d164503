namespace Substra.Sdk.Local.Compute.Subprocess.Launch;

/// <summary>A task process could not be started; the message says why, as the operating system put it.</summary>
internal sealed class TaskLaunchException(string message, Exception? inner = null) : Exception(message, inner);

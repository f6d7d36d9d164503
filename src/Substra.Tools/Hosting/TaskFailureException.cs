namespace Substra.Tools.Hosting;

/// <summary>A task breaks the contract (inputs, outputs, opener); the message is the one-line reason the process prints.</summary>
internal sealed class TaskFailureException(string message, Exception? innerException = null) : Exception(message, innerException)
{
}

namespace Substra.Sdk.Plans;

/// <summary>
/// A compute plan whose wiring is wrong in a way the types cannot catch (a cycle, a missing input, data on the wrong
/// worker, an unknown function key). The message names the task; <see cref="TaskId"/> gives it to code.
/// </summary>
public sealed class InvalidComputePlanException : Exceptions.SdkException
{
    /// <summary>Creates the exception for the task <paramref name="taskId"/> (null when no single task is at fault).</summary>
    public InvalidComputePlanException(string? taskId, string message)
        : base(message)
    {
        TaskId = taskId;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public InvalidComputePlanException()
        : base("The compute plan is invalid.")
    {
    }

    /// <summary>Creates the exception with the message that says what is wrong.</summary>
    public InvalidComputePlanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message that says what is wrong and the error that caused it.</summary>
    public InvalidComputePlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The task at fault, when there is one.</summary>
    public string? TaskId { get; }
}

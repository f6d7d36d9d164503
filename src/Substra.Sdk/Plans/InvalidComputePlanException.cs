namespace Substra.Sdk.Plans;

/// <summary>
/// A compute plan whose wiring is wrong in a way the types cannot catch (a cycle, a missing input, data on the wrong
/// worker, an unknown function key). The message names the task; <see cref="TaskId"/> gives it to code.
/// </summary>
public sealed class InvalidComputePlanException : Exceptions.SdkException
{
    public InvalidComputePlanException(string? taskId, string message)
        : base(message)
    {
        TaskId = taskId;
    }

    public InvalidComputePlanException()
        : base("The compute plan is invalid.")
    {
    }

    public InvalidComputePlanException(string message)
        : base(message)
    {
    }

    public InvalidComputePlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The task at fault, when there is one.</summary>
    public string? TaskId { get; }
}

namespace Substra.Sdk.Plans;

/// <summary>
/// A model output of a task, to connect to a model input of a later task. Made by <see cref="PlanTask{THandle}.Output"/>
/// for tasks of the plan being built, or by <see cref="FromExistingTask"/> for a task registered earlier.
/// </summary>
public sealed record TaskOutput
{
    internal TaskOutput(string taskKey, string outputIdentifier, PlanTask? task)
    {
        TaskKey = taskKey;
        OutputIdentifier = outputIdentifier;
        Task = task;
    }

    /// <summary>The key of the task producing the output.</summary>
    public string TaskKey { get; }

    /// <summary>The identifier of the output in the producing function.</summary>
    public string OutputIdentifier { get; }

    /// <summary>The producing task when it is part of a plan being built; <c>null</c> for an existing task.</summary>
    public PlanTask? Task { get; }

    /// <summary>A model output of a task that already exists on the platform (registered earlier or in another plan).</summary>
    public static TaskOutput FromExistingTask(string taskKey, string outputIdentifier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputIdentifier);
        return new TaskOutput(taskKey, outputIdentifier, null);
    }
}

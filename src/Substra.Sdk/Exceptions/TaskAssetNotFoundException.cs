namespace Substra.Sdk.Exceptions;

/// <summary>No output (or input) asset of the task has this identifier.</summary>
public class TaskAssetNotFoundException(string computeTaskKey, string identifier)
    : SdkException($"No task asset found with compute_task_key='{computeTaskKey}' and identifier='{identifier}'")
{
    public string ComputeTaskKey { get; } = computeTaskKey;

    public string Identifier { get; } = identifier;
}

namespace Substra.Sdk.Exceptions;

/// <summary>No output (or input) asset of the task has this identifier.</summary>
public class TaskAssetNotFoundException(string computeTaskKey, string identifier)
    : SdkException($"No task asset found with compute_task_key='{computeTaskKey}' and identifier='{identifier}'")
{
    /// <summary>The task whose outputs were searched.</summary>
    public string ComputeTaskKey { get; } = computeTaskKey;

    /// <summary>The output identifier that matched no asset.</summary>
    public string Identifier { get; } = identifier;
}

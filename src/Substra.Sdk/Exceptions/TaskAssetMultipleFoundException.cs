namespace Substra.Sdk.Exceptions;

/// <summary>Several assets of the task have this identifier.</summary>
public class TaskAssetMultipleFoundException(string computeTaskKey, string identifier)
    : SdkException($"Multiple task assets found with compute_task_key='{computeTaskKey}' and identifier='{identifier}'")
{
    public string ComputeTaskKey { get; } = computeTaskKey;

    public string Identifier { get; } = identifier;
}

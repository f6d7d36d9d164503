namespace Substra.Sdk.Exceptions;

/// <summary>Several assets of the task have this identifier.</summary>
public class TaskAssetMultipleFoundException(string computeTaskKey, string identifier)
    : SdkException($"Multiple task assets found with compute_task_key='{computeTaskKey}' and identifier='{identifier}'")
{
    /// <summary>The task whose outputs were searched.</summary>
    public string ComputeTaskKey { get; } = computeTaskKey;

    /// <summary>The output identifier that matched several assets.</summary>
    public string Identifier { get; } = identifier;
}

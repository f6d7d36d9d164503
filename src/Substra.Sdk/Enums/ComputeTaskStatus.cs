using System.Text.Json.Serialization;

namespace Substra.Sdk;

/// <summary>The status of a compute task.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComputeTaskStatus>))]
public enum ComputeTaskStatus
{
    /// <summary><c>STATUS_UNKNOWN</c></summary>
    [JsonStringEnumMemberName("STATUS_UNKNOWN")]
    Unknown,
    /// <summary><c>STATUS_BUILDING</c></summary>
    [JsonStringEnumMemberName("STATUS_BUILDING")]
    Building,
    /// <summary><c>STATUS_EXECUTING</c></summary>
    [JsonStringEnumMemberName("STATUS_EXECUTING")]
    Executing,
    /// <summary><c>STATUS_DONE</c></summary>
    [JsonStringEnumMemberName("STATUS_DONE")]
    Done,
    /// <summary><c>STATUS_FAILED</c></summary>
    [JsonStringEnumMemberName("STATUS_FAILED")]
    Failed,
    /// <summary><c>STATUS_WAITING_FOR_EXECUTOR_SLOT</c></summary>
    [JsonStringEnumMemberName("STATUS_WAITING_FOR_EXECUTOR_SLOT")]
    WaitingForExecutorSlot,
    /// <summary><c>STATUS_WAITING_FOR_PARENT_TASKS</c></summary>
    [JsonStringEnumMemberName("STATUS_WAITING_FOR_PARENT_TASKS")]
    WaitingForParentTasks,
    /// <summary><c>STATUS_WAITING_FOR_BUILDER_SLOT</c></summary>
    [JsonStringEnumMemberName("STATUS_WAITING_FOR_BUILDER_SLOT")]
    WaitingForBuilderSlot,
    /// <summary><c>STATUS_CANCELED</c></summary>
    [JsonStringEnumMemberName("STATUS_CANCELED")]
    Canceled,
}

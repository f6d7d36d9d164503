using System.Text.Json.Serialization;

namespace Substra.Sdk;

/// <summary>Why a task failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskErrorType>))]
public enum TaskErrorType
{
    /// <summary><c>BUILD_ERROR</c></summary>
    [JsonStringEnumMemberName("BUILD_ERROR")]
    Build,
    /// <summary><c>EXECUTION_ERROR</c></summary>
    [JsonStringEnumMemberName("EXECUTION_ERROR")]
    Execution,
    /// <summary><c>INTERNAL_ERROR</c></summary>
    [JsonStringEnumMemberName("INTERNAL_ERROR")]
    Internal,
}

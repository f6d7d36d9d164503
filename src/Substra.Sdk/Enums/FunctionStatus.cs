using System.Text.Json.Serialization;

namespace Substra.Sdk;

/// <summary>The build status of a function.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FunctionStatus>))]
public enum FunctionStatus
{
    /// <summary><c>FUNCTION_STATUS_UNKNOWN</c></summary>
    [JsonStringEnumMemberName("FUNCTION_STATUS_UNKNOWN")]
    Unknown,
    /// <summary><c>FUNCTION_STATUS_WAITING</c></summary>
    [JsonStringEnumMemberName("FUNCTION_STATUS_WAITING")]
    Waiting,
    /// <summary><c>FUNCTION_STATUS_BUILDING</c></summary>
    [JsonStringEnumMemberName("FUNCTION_STATUS_BUILDING")]
    Building,
    /// <summary><c>FUNCTION_STATUS_READY</c></summary>
    [JsonStringEnumMemberName("FUNCTION_STATUS_READY")]
    Ready,
    /// <summary><c>FUNCTION_STATUS_FAILED</c></summary>
    [JsonStringEnumMemberName("FUNCTION_STATUS_FAILED")]
    Failed,
    /// <summary><c>FUNCTION_STATUS_CANCELED</c></summary>
    [JsonStringEnumMemberName("FUNCTION_STATUS_CANCELED")]
    Canceled,
}

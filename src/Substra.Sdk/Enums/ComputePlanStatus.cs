using System.Text.Json.Serialization;

namespace Substra.Sdk;

/// <summary>The status of a compute plan.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComputePlanStatus>))]
public enum ComputePlanStatus
{
    /// <summary><c>PLAN_STATUS_UNKNOWN</c></summary>
    [JsonStringEnumMemberName("PLAN_STATUS_UNKNOWN")]
    Unknown,
    /// <summary><c>PLAN_STATUS_DOING</c></summary>
    [JsonStringEnumMemberName("PLAN_STATUS_DOING")]
    Doing,
    /// <summary><c>PLAN_STATUS_DONE</c></summary>
    [JsonStringEnumMemberName("PLAN_STATUS_DONE")]
    Done,
    /// <summary><c>PLAN_STATUS_FAILED</c></summary>
    [JsonStringEnumMemberName("PLAN_STATUS_FAILED")]
    Failed,
    /// <summary><c>PLAN_STATUS_CREATED</c></summary>
    [JsonStringEnumMemberName("PLAN_STATUS_CREATED")]
    Created,
    /// <summary><c>PLAN_STATUS_CANCELED</c></summary>
    [JsonStringEnumMemberName("PLAN_STATUS_CANCELED")]
    Canceled,
}

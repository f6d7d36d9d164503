using System.Text.Json.Serialization;

namespace Substra.Sdk;

/// <summary>The fields lists can be ordered on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderingField>))]
public enum OrderingField
{
    /// <summary><c>creation_date</c></summary>
    [JsonStringEnumMemberName("creation_date")]
    CreationDate,
    /// <summary><c>start_date</c></summary>
    [JsonStringEnumMemberName("start_date")]
    StartDate,
    /// <summary><c>end_date</c></summary>
    [JsonStringEnumMemberName("end_date")]
    EndDate,
}

using System.Text.Json.Serialization;

namespace Substra.Sdk;

/// <summary>How a metadata filter matches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MetadataFilterType>))]
public enum MetadataFilterType
{
    /// <summary><c>is</c></summary>
    [JsonStringEnumMemberName("is")]
    Is,
    /// <summary><c>contains</c></summary>
    [JsonStringEnumMemberName("contains")]
    Contains,
    /// <summary><c>exists</c></summary>
    [JsonStringEnumMemberName("exists")]
    Exists,
}

using System.Text.Json.Serialization;

namespace Substra.Sdk;

/// <summary>Input identifiers reserved by the platform.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StaticInputIdentifier>))]
public enum StaticInputIdentifier
{
    /// <summary><c>chainkeys</c></summary>
    [JsonStringEnumMemberName("chainkeys")]
    ChainKeys,
    /// <summary><c>datasamples</c></summary>
    [JsonStringEnumMemberName("datasamples")]
    DataSamples,
    /// <summary><c>opener</c></summary>
    [JsonStringEnumMemberName("opener")]
    Opener,
}

using System.Text.Json.Serialization;

namespace Substra.Sdk;

/// <summary>Where assets are registered and tasks run; wire values <c>remote</c>, <c>docker</c>, <c>subprocess</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BackendType>))]
public enum BackendType
{
    /// <summary><c>remote</c></summary>
    [JsonStringEnumMemberName("remote")]
    Remote,
    /// <summary><c>docker</c></summary>
    [JsonStringEnumMemberName("docker")]
    LocalDocker,
    /// <summary><c>subprocess</c></summary>
    [JsonStringEnumMemberName("subprocess")]
    LocalSubprocess,
}

using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A registered dataset (the platform's data manager).</summary>
public sealed record Dataset
{
    /// <summary>The dataset's key (a UUID).</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>The dataset's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The organisation that registered the dataset.</summary>
    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    /// <summary>Who may process the dataset.</summary>
    [JsonPropertyName("permissions")]
    public required AssetPermissions Permissions { get; init; }

    /// <summary>The data samples linked to the dataset.</summary>
    [JsonPropertyName("data_sample_keys")]
    public IReadOnlyList<string> DataSampleKeys { get; init; } = [];

    /// <summary>The dataset's opener file.</summary>
    [JsonPropertyName("opener")]
    public required AssetFile Opener { get; init; }

    /// <summary>The dataset's description file (Markdown).</summary>
    [JsonPropertyName("description")]
    public required AssetFile Description { get; init; }

    /// <summary>The dataset's user metadata.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>When the dataset was registered.</summary>
    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>Who may read the logs of tasks that use the dataset.</summary>
    [JsonPropertyName("logs_permission")]
    public required Permission LogsPermission { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

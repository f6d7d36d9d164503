using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>A registered function. The server sends inputs and outputs keyed by identifier; both forms are read.</summary>
public sealed record Function
{
    /// <summary>The function's key (a UUID).</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>The function's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The organisation that registered the function.</summary>
    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    /// <summary>Who may process the function.</summary>
    [JsonPropertyName("permissions")]
    public required AssetPermissions Permissions { get; init; }

    /// <summary>The function's user metadata.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>When the function was registered.</summary>
    [JsonPropertyName("creation_date")]
    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>The function's declared inputs.</summary>
    [JsonPropertyName("inputs")]
    [JsonConverter(typeof(FunctionInputListJsonConverter))]
    public IReadOnlyList<FunctionInput> Inputs { get; init; } = [];

    /// <summary>The function's declared outputs.</summary>
    [JsonPropertyName("outputs")]
    [JsonConverter(typeof(FunctionOutputListJsonConverter))]
    public IReadOnlyList<FunctionOutput> Outputs { get; init; } = [];

    /// <summary>The function's build status.</summary>
    [JsonPropertyName("status")]
    public required FunctionStatus Status { get; init; }

    /// <summary>The function's description file (Markdown).</summary>
    [JsonPropertyName("description")]
    public required AssetFile Description { get; init; }

    /// <summary>The function's archive.</summary>
    [JsonPropertyName("archive")]
    public required AssetFile Archive { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

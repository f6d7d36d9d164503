using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>
/// One data sample (<see cref="Path"/>) or several (<see cref="Paths"/>, one folder per sample); exactly one of them is set.
/// </summary>
public sealed record DataSampleSpec
{
    /// <summary>The folder of a single data sample.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>The folders of several data samples, one per sample.</summary>
    [JsonPropertyName("paths")]
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>The datasets the samples belong to.</summary>
    [JsonPropertyName("data_manager_keys")]
    public required IReadOnlyList<string> DataManagerKeys { get; init; }

    /// <summary>Follow symbolic links when the folder is zipped for upload.</summary>
    [JsonPropertyName("followlinks")]
    public bool FollowLinks { get; init; }

    /// <summary>True when this spec describes several samples (the reference's <c>is_many()</c>).</summary>
    [JsonIgnore]
    public bool IsMany => Paths is { Count: > 0 };

    /// <summary>Checks the rules of the reference and returns the spec with its paths made absolute (against the cwd).</summary>
    public DataSampleSpec Validate()
    {
        if (Path is not null && Paths is not null)
        {
            throw new SpecValidationException("'path' and 'paths' fields are exclusive.", nameof(Path));
        }

        if (Path is null && Paths is null)
        {
            throw new SpecValidationException("'path' or 'paths' field must be set.", nameof(Path));
        }

        if (DataManagerKeys is null)
        {
            throw new SpecValidationException("'data_manager_keys' field must be set (the keys of the datasets).", nameof(DataManagerKeys));
        }

        return this with
        {
            Path = Path is null ? null : System.IO.Path.GetFullPath(Path),
            Paths = Paths?.Select(path => System.IO.Path.GetFullPath(path)).ToArray(),
        };
    }

    /// <summary>
    /// Reads the reference's dictionary form; an explicit <c>null</c> for <c>path</c> or <c>paths</c> is rejected as the
    /// reference does, and the result is validated.
    /// </summary>
    public static DataSampleSpec FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.ContainsKey("path") && json.ContainsKey("paths"))
        {
            throw new SpecValidationException("'path' and 'paths' fields are exclusive.", "path");
        }

        foreach (var field in new[] { "path", "paths" })
        {
            if (json.TryGetPropertyValue(field, out var value) && value is null)
            {
                throw new SpecValidationException($"'{field}' cannot be set to None.", field);
            }
        }

        return SubstraJson.DeserializeSpec(json, SubstraJsonContext.Default.DataSampleSpec).Validate();
    }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

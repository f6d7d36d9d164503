using System.Text.Json.Serialization;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>A dataset: its opener file and description, with permissions for use and for logs.</summary>
public sealed record DatasetSpec
{
    /// <summary>The text written to <c>generated_description.md</c> when no description is given.</summary>
    public const string GeneratedDescription =
        "# No description given\n\nThis description was generated because none was given when the dataset was registered. "
        + "Set `Description` on the DatasetSpec to a markdown file describing the data.\n";

    /// <summary>The dataset's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The opener file (<c>opener.py</c> or a .NET <c>.opener</c> artifact).</summary>
    [JsonPropertyName("data_opener")]
    public required string DataOpener { get; init; }

    /// <summary>A markdown description; when absent, <see cref="Validate"/> generates one next to the opener.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Who may process the dataset.</summary>
    [JsonPropertyName("permissions")]
    public required Permissions Permissions { get; init; }

    /// <summary>User metadata.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Who may read the logs of tasks that use the dataset.</summary>
    [JsonPropertyName("logs_permission")]
    public required Permissions LogsPermission { get; init; }

    /// <summary>
    /// Checks required fields. As in the reference, a missing description is replaced by a generated
    /// <c>generated_description.md</c> written next to the opener (or in a temporary folder when that one is read-only).
    /// </summary>
    public DatasetSpec Validate()
    {
        SpecRules.Require(Name, "name", "the dataset's name");
        SpecRules.Require(DataOpener, "data_opener", "the path of the opener file");
        SpecRules.Require(Permissions, "permissions", "who may use the dataset");
        SpecRules.Require(LogsPermission, "logs_permission", "who may read the logs of tasks using the dataset");
        return Description is null ? this with { Description = WriteGeneratedDescription(DataOpener) } : this;
    }

    private static string WriteGeneratedDescription(string openerPath)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(openerPath)) ?? Directory.GetCurrentDirectory();
        try
        {
            var path = System.IO.Path.Combine(folder, "generated_description.md");
            File.WriteAllText(path, GeneratedDescription);
            return path;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            var fallback = Directory.CreateTempSubdirectory("substra-description-").FullName;
            var path = System.IO.Path.Combine(fallback, "generated_description.md");
            File.WriteAllText(path, GeneratedDescription);
            return path;
        }
    }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

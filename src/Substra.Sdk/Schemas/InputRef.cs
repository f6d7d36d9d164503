using System.Text.Json.Serialization;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>
/// A task input: either an existing asset (<see cref="AssetKey"/>: a dataset or data sample) or the output of a parent task
/// (<see cref="ParentTaskKey"/> and <see cref="ParentTaskOutputIdentifier"/>). The same type is used in specs and models.
/// </summary>
public sealed record InputRef
{
    /// <summary>The function input this value is bound to.</summary>
    [JsonPropertyName("identifier")]
    public required string Identifier { get; init; }

    /// <summary>The asset (a dataset or data sample) bound to the input; null when it comes from a parent task.</summary>
    // The bulk-create wire format keeps nulls, so these are always written.
    [JsonPropertyName("asset_key")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? AssetKey { get; init; }

    /// <summary>The parent task whose output is bound to the input; null when an asset key is given.</summary>
    [JsonPropertyName("parent_task_key")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ParentTaskKey { get; init; }

    /// <summary>The parent task's output identifier, with <see cref="ParentTaskKey"/>.</summary>
    [JsonPropertyName("parent_task_output_identifier")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ParentTaskOutputIdentifier { get; init; }

    /// <summary>An input bound to a dataset (opener) or a data sample.</summary>
    public static InputRef FromAsset(string identifier, string assetKey)
        => new InputRef { Identifier = identifier, AssetKey = assetKey }.Validate();

    /// <summary>An input bound to the output <paramref name="parentOutputIdentifier"/> of task <paramref name="parentTaskKey"/>.</summary>
    public static InputRef FromParentTask(string identifier, string parentTaskKey, string parentOutputIdentifier)
        => new InputRef { Identifier = identifier, ParentTaskKey = parentTaskKey, ParentTaskOutputIdentifier = parentOutputIdentifier }.Validate();

    /// <summary>Exactly one of: an asset key, or both parent fields (checked on emptiness, as the reference does).</summary>
    public InputRef Validate()
    {
        SpecRules.Require(Identifier, "identifier", "the function input this value is bound to");
        var hasAssetKey = !string.IsNullOrEmpty(AssetKey);
        var hasParent = !string.IsNullOrEmpty(ParentTaskKey) && !string.IsNullOrEmpty(ParentTaskOutputIdentifier);
        if (hasAssetKey == hasParent)
        {
            throw new SpecValidationException(
                $"either asset_key or both (parent_task_key, parent_task_output_identifier) must be provided (input '{Identifier}')");
        }

        return this;
    }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>An output of a task as stored: permissions and the transient flag (wire name <c>transient</c>).</summary>
[JsonConverter(typeof(ComputeTaskOutputJsonConverter))]
public sealed record ComputeTaskOutput
{
    /// <summary>Who may read the output.</summary>
    public required AssetPermissions Permissions { get; init; }

    /// <summary>True when the output is deleted once every task that uses it is done.</summary>
    public bool IsTransient { get; init; }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Models;

/// <summary>An output of a task as stored: permissions and the transient flag (wire name <c>transient</c>).</summary>
[JsonConverter(typeof(ComputeTaskOutputJsonConverter))]
public sealed record ComputeTaskOutput
{
    public required AssetPermissions Permissions { get; init; }

    public bool IsTransient { get; init; }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

using System.Text.Json.Serialization;
using Substra.Sdk.Json;

namespace Substra.Sdk.Schemas;

/// <summary>
/// Permissions of a task output and whether it is transient (deleted once its children are done). On the wire the flag is
/// <c>transient</c>; <c>is_transient</c> is accepted too.
/// </summary>
[JsonConverter(typeof(ComputeTaskOutputSpecJsonConverter))]
public sealed record ComputeTaskOutputSpec
{
    public required Permissions Permissions { get; init; }

    public bool IsTransient { get; init; }

    public ComputeTaskOutputSpec Validate()
    {
        SpecRules.Require(Permissions, "permissions", "who may use the output");
        return this;
    }

    public override string ToString() => SubstraJson.ToIndentedString(this);
}

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
    /// <summary>Who may read the output.</summary>
    public required Permissions Permissions { get; init; }

    /// <summary>Delete the output once every task that uses it is done.</summary>
    public bool IsTransient { get; init; }

    /// <summary>Checks the spec as the reference does and returns it normalised; throws <see cref="Exceptions.SpecValidationException"/> naming the field at fault.</summary>
    public ComputeTaskOutputSpec Validate()
    {
        SpecRules.Require(Permissions, "permissions", "who may use the output");
        return this;
    }

    /// <summary>The record as JSON indented by 4 spaces, like the reference's <c>str()</c>.</summary>
    public override string ToString() => SubstraJson.ToIndentedString(this);
}

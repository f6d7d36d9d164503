using Substra.Sdk.Schemas;

namespace Substra.Sdk.Artifacts;

/// <summary>
/// A function archive that <c>dotnet build</c> wrote for a referenced project: <c>&lt;name&gt;.zip</c>, its schema
/// <c>&lt;name&gt;.json</c> and its description <c>&lt;name&gt;.md</c> (docs/packaging.md).
/// </summary>
/// <param name="Name">The function's name, as in <c>[SubstraFunction("name")]</c>.</param>
/// <param name="Archive">The function archive.</param>
/// <param name="Schema">The function's inputs and outputs.</param>
/// <param name="Description">The markdown description.</param>
/// <param name="Project">The project that declares the function.</param>
public sealed record BuiltFunction(string Name, string Archive, string Schema, string Description, string Project)
{
    /// <summary>The spec that registers this function (<c>AddFunctionAsync</c>).</summary>
    public FunctionSpec ToSpec(Permissions permissions, IReadOnlyDictionary<string, string>? metadata = null)
        => FunctionSpec.FromSchemaFile(Schema, Archive, Description, permissions, metadata);
}

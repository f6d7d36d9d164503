using Substra.Generators.Model;

namespace Substra.Generators.Emit;

/// <summary>Emits one <c>[assembly: SubstraFunctionMetadata]</c> per function, read by build tasks without running user code.</summary>
internal static class MetadataEmitter
{
    public const string HintName = "SubstraFunctionMetadata.g.cs";

    public static string Emit(ProjectModel project)
    {
        var writer = new SourceWriter();
        writer.WriteLine(Names.Header);
        foreach (var function in project.Functions)
        {
            writer.WriteLine($"[assembly: global::Substra.Tools.Metadata.SubstraFunctionMetadata({Names.Literal(function.Name)}, {Names.Literal(SchemaJsonWriter.Write(function))}, {Names.Literal(function.Description)}{(function.ReadsPythonOpeners ? ", ReadsPythonOpeners = true" : string.Empty)})]");
        }

        return writer.ToString();
    }
}

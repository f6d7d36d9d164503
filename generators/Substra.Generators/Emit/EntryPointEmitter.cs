using Substra.Generators.Model;

namespace Substra.Generators.Emit;

/// <summary>Emits the entry point of a function executable: the substratools command line, run by SubstraFunctionHost.</summary>
internal static class EntryPointEmitter
{
    public const string HintName = "SubstraEntryPoint.g.cs";

    public static string Emit(ProjectModel project)
    {
        var writer = new SourceWriter();
        writer.WriteLine(Names.Header);
        writer.WriteLine($"namespace {project.RootNamespace}");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>Runs one function task (set SubstraGenerateEntryPoint=false to write your own Main).</summary>");
        writer.WriteLine(Names.GeneratedCodeAttribute);
        writer.WriteLine("internal static class SubstraEntryPoint");
        writer.OpenBlock();
        writer.WriteLine("public static int Main(string[] args)");
        writer.WriteLine("    => global::Substra.Tools.Hosting.SubstraFunctionHost.Run(");
        writer.WriteLine("        args,");
        writer.WriteLine($"        global::{project.RootNamespace}.SubstraFunctionRegistry.Functions,");
        writer.WriteLine("        static services =>");
        writer.WriteLine("        {");
        writer.WriteLine("            global::Microsoft.Extensions.DependencyInjection.SubstraGeneratedServiceCollectionExtensions.AddGeneratedSubstraFunctions(services);");
        if (project.Startup is not null)
        {
            writer.WriteLine($"            new {project.Startup.TypeName}().ConfigureServices(services);");
        }

        if (project.ReferencedOpeners.Count == 0)
        {
            writer.WriteLine("        });");
        }
        else
        {
            // Openers of referenced projects run compiled in: a native app cannot load the artifact's assemblies.
            writer.WriteLine("        },");
            writer.WriteLine("        new global::Substra.Tools.Hosting.OpenerDescriptor[]");
            writer.WriteLine("        {");
            foreach (var opener in project.ReferencedOpeners)
            {
                writer.WriteLine($"            new global::Substra.Tools.Hosting.OpenerDescriptor({Names.Literal(opener.AssemblyName)}, {Names.Literal(opener.FactoryMetadataName)}, static () => new {opener.FactoryTypeName}()),");
            }

            writer.WriteLine("        });");
        }
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}

using Substra.Generators.Model;

namespace Substra.Generators.Emit;

/// <summary>Emits <c>AddGeneratedSubstraFunctions()</c>: the declaring classes of instance functions, added with TryAddTransient.</summary>
internal static class ServiceCollectionEmitter
{
    public const string HintName = "SubstraGeneratedServiceCollectionExtensions.g.cs";

    public static string Emit(ProjectModel project)
    {
        var types = project.Functions
            .Where(static f => !f.IsStatic)
            .Select(static f => f.DeclaringTypeName)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(static t => t, StringComparer.Ordinal);

        var writer = new SourceWriter();
        writer.WriteLine(Names.Header);
        writer.WriteLine("namespace Microsoft.Extensions.DependencyInjection");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>Registers this project's Substra function classes without reflection.</summary>");
        writer.WriteLine(Names.GeneratedCodeAttribute);
        writer.WriteLine("internal static class SubstraGeneratedServiceCollectionExtensions");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>Adds the classes declaring the project's functions (transient, unless already registered).</summary>");
        writer.WriteLine("public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection AddGeneratedSubstraFunctions(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services)");
        writer.OpenBlock();
        foreach (var type in types)
        {
            writer.WriteLine($"global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddTransient<{type}>(services);");
        }

        writer.WriteLine("return services;");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}

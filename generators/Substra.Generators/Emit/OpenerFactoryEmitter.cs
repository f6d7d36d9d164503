using Substra.Generators.Model;

namespace Substra.Generators.Emit;

/// <summary>
/// Emits, in a data-provider project, the <c>IOpenerFactory</c> the runtime uses to create the opener with constructor
/// injection, and the assembly attribute that names it for build tasks.
/// </summary>
internal static class OpenerFactoryEmitter
{
    public const string HintName = "SubstraOpenerFactory.g.cs";
    public const string FactoryName = "SubstraOpenerFactory";

    public static string Emit(ProjectModel project, OpenerModel opener)
    {
        var factory = $"global::{project.RootNamespace}.{FactoryName}";
        var writer = new SourceWriter();
        writer.WriteLine(Names.Header);
        writer.WriteLine($"[assembly: global::Substra.Tools.Metadata.SubstraOpenerMetadata({Names.Literal(opener.Name)}, typeof({factory}), {Names.Literal(opener.Description)})]");
        writer.WriteLine();
        writer.WriteLine($"namespace {project.RootNamespace}");
        writer.OpenBlock();
        writer.WriteLine($"/// <summary>Creates the opener <c>{System.Security.SecurityElement.Escape(opener.Name)}</c> from the task's container.</summary>");
        writer.WriteLine(Names.GeneratedCodeAttribute);
        writer.WriteLine($"public sealed class {FactoryName} : global::Substra.Tools.Hosting.IOpenerFactory");
        writer.OpenBlock();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine($"public global::System.Type DataType => typeof({opener.DataTypeName});");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine("public void ConfigureServices(global::Microsoft.Extensions.DependencyInjection.IServiceCollection services)");
        writer.OpenBlock();
        if (project.Startup is not null)
        {
            writer.WriteLine($"new {project.Startup.TypeName}().ConfigureServices(services);");
        }

        writer.WriteLine($"global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddTransient<{opener.TypeName}>(services);");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine("public object? GetData(global::System.IServiceProvider services, global::System.Collections.Generic.IReadOnlyList<string> folders)");
        writer.WriteLine("    => CreateOpener(services).GetData(folders);");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc />");
        writer.WriteLine("public object? FakeData(global::System.IServiceProvider services, int nSamples)");
        writer.WriteLine("    => CreateOpener(services).FakeData(nSamples);");
        writer.WriteLine();
        writer.WriteLine("// Registered by ConfigureServices; created with constructor injection when a host did not call it.");
        writer.WriteLine($"private static {opener.TypeName} CreateOpener(global::System.IServiceProvider services)");
        writer.WriteLine($"    => (global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService<{opener.TypeName}>(services)");
        writer.WriteLine($"        ?? global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<{opener.TypeName}>(services));");
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}

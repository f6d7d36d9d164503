using Microsoft.CodeAnalysis;
using Substra.Generators.Helpers;
using Substra.Generators.Model;

namespace Substra.Generators.Parsing;

/// <summary>Finds the opener factories that referenced assemblies declare with <c>[assembly: SubstraOpenerMetadata]</c>.</summary>
internal static class ReferencedOpenerFinder
{
    private const string OpenerMetadataAttribute = "Substra.Tools.Metadata.SubstraOpenerMetadataAttribute";
    private const string ToolsAssembly = "Substra.Tools";

    public static EquatableArray<ReferencedOpenerModel> Find(Compilation compilation, CancellationToken cancellationToken)
    {
        var openers = new List<ReferencedOpenerModel>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Only an assembly built against Substra.Tools can declare an opener: the framework's are skipped cheaply.
            if (!assembly.Modules.Any(static module => module.ReferencedAssemblies.Any(static name => name.Name == ToolsAssembly)))
            {
                continue;
            }

            foreach (var attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != OpenerMetadataAttribute
                    || attribute.ConstructorArguments.Length < 2
                    || attribute.ConstructorArguments[1].Value is not INamedTypeSymbol factory
                    || !IsPublic(factory))
                {
                    continue;
                }

                openers.Add(new ReferencedOpenerModel(assembly.Identity.Name, MetadataName(factory), KnownTypes.Name(factory)));
            }
        }

        return openers
            .OrderBy(static opener => opener.AssemblyName, StringComparer.Ordinal)
            .ThenBy(static opener => opener.FactoryMetadataName, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    private static bool IsPublic(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The name <c>Assembly.GetType</c> takes: <c>Namespace.Outer+Inner</c>, as the opener manifest records it.</summary>
    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            name = container.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }
}

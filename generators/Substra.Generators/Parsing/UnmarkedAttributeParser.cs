using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Substra.Generators.Helpers;
using Substra.Generators.Model;

namespace Substra.Generators.Parsing;

/// <summary>
/// Finds <c>[DataSamples]</c>, <c>[ModelInput]</c>, <c>[ModelOutput]</c> and <c>[PerformanceOutput]</c> (on a parameter
/// or the return value) of methods without <c>[SubstraFunction]</c>, which would otherwise silently not be functions.
/// </summary>
internal static class UnmarkedAttributeParser
{
    /// <summary>The attributes, by metadata name, with how a message shows them.</summary>
    public static readonly IReadOnlyList<(string MetadataName, string Display)> Attributes =
    [
        (MetadataName(KnownTypes.DataSamplesAttribute), "[DataSamples]"),
        (MetadataName(KnownTypes.ModelInputAttribute), "[ModelInput]"),
        (MetadataName(KnownTypes.ModelOutputAttribute), "[ModelOutput]"),
        (MetadataName(KnownTypes.PerformanceOutputAttribute), "[PerformanceOutput]"),
    ];

    /// <summary>A parameter of a method, or a method (for <c>[return: …]</c>).</summary>
    public static bool IsCandidate(SyntaxNode node)
        => node is MethodDeclarationSyntax or ParameterSyntax { Parent.Parent: MethodDeclarationSyntax };

    /// <summary>The attribute when its method is not a function, else null.</summary>
    public static UnmarkedAttribute? Parse(GeneratorAttributeSyntaxContext context, string display, CancellationToken cancellationToken)
    {
        var method = context.TargetSymbol switch
        {
            IMethodSymbol m => m,
            IParameterSymbol { ContainingSymbol: IMethodSymbol m } => m,
            _ => null,
        };
        if (method is null || method.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == KnownTypes.SubstraFunctionAttribute))
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var shown = context.TargetSymbol is IMethodSymbol ? "[return: " + display.Substring(1) : display;
        return new UnmarkedAttribute(LocationInfo.From(method.Locations.FirstOrDefault()), method.ContainingType.Name + "." + method.Name, shown);
    }

    private static string MetadataName(string globalName) => globalName.Substring("global::".Length);
}

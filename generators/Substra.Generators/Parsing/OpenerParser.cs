using Microsoft.CodeAnalysis;
using Substra.Generators.Diagnostics;
using Substra.Generators.Helpers;
using Substra.Generators.Model;

namespace Substra.Generators.Parsing;

/// <summary>Turns a <c>[SubstraOpener]</c> class into an <see cref="OpenerModel"/>, or into diagnostics.</summary>
internal static class OpenerParser
{
    public static Result<OpenerModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var location = LocationInfo.From(type.Locations.FirstOrDefault());
        var diagnostics = new List<DiagnosticInfo>();
        var attribute = context.Attributes[0];
        var arguments = attribute.ConstructorArguments;
        var name = arguments.Length == 0 ? type.Name : arguments[0].Value as string;
        // The argument, or the attribute when the name is the class name.
        var nameLocation = AttributeLocations.FirstArgument(attribute, cancellationToken) ?? location;
        if (string.IsNullOrWhiteSpace(name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.EmptyName, nameLocation, "opener name", type.Name));
        }
        else if (ArtifactName.Problem(name!) is { } nameProblem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidName, nameLocation, "opener", name!, nameProblem));
        }

        var problem = InstantiationProblem(type);
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOpenerClass, location, type.ToDisplayString(), problem));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var opener = type.AllInterfaces
            .Where(static i => KnownTypes.NameOfDefinition(i) == KnownTypes.IOpenerOfT)
            .OrderBy(static i => i.ToDisplayString(), StringComparer.Ordinal)
            .FirstOrDefault();
        if (opener is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OpenerWithoutInterface, location, type.ToDisplayString()));
        }

        if (diagnostics.Count > 0)
        {
            return new Result<OpenerModel>(null, diagnostics.ToEquatableArray(), location);
        }

        var model = new OpenerModel(
            name!,
            KnownTypes.Name(type),
            KnownTypes.Name(opener!.TypeArguments[0]),
            DocumentationReader.Read(context.TargetNode));
        return new Result<OpenerModel>(model, EquatableArray<DiagnosticInfo>.Empty, location);
    }

    /// <summary>Why generated code cannot create the class, or null when it can.</summary>
    internal static string? InstantiationProblem(INamedTypeSymbol type)
    {
        if (type.IsAbstract || type.IsStatic)
        {
            return "is abstract or static; make it a concrete class";
        }

        if (type.IsGenericType)
        {
            return "is generic; make it a non-generic class";
        }

        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal
                || current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return "is not accessible to generated code; make it (and its containing types) public or internal";
            }
        }

        return null;
    }
}

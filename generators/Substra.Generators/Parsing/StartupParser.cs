using Microsoft.CodeAnalysis;
using Substra.Generators.Diagnostics;
using Substra.Generators.Helpers;
using Substra.Generators.Model;

namespace Substra.Generators.Parsing;

/// <summary>Turns a <c>[SubstraStartup]</c> class into a <see cref="StartupModel"/>, or into diagnostics.</summary>
internal static class StartupParser
{
    public static Result<StartupModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var location = LocationInfo.From(type.Locations.FirstOrDefault());
        var problem = OpenerParser.InstantiationProblem(type);
        if (problem is null && !type.AllInterfaces.Any(static i => KnownTypes.Name(i) == KnownTypes.ISubstraStartup))
        {
            problem = "must implement Substra.Tools.ISubstraStartup";
        }

        if (problem is null && !type.InstanceConstructors.Any(static c => c.Parameters.Length == 0
                && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
        {
            problem = "needs a public or internal parameterless constructor: it runs before the container exists";
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (problem is not null)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidStartup, location, type.ToDisplayString(), problem);
            return new Result<StartupModel>(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }), location);
        }

        return new Result<StartupModel>(new StartupModel(KnownTypes.Name(type)), EquatableArray<DiagnosticInfo>.Empty, location);
    }
}

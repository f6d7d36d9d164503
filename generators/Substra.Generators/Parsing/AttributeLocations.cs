using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Substra.Generators.Helpers;

namespace Substra.Generators.Parsing;

/// <summary>Where an attribute's values are written, so that a diagnostic about a name points at the name.</summary>
internal static class AttributeLocations
{
    /// <summary>The first argument of <paramref name="attribute"/>, the attribute itself when it has none, or null when it has no syntax.</summary>
    public static LocationInfo? FirstArgument(AttributeData attribute, CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
        {
            return null;
        }

        var argument = syntax.ArgumentList?.Arguments.FirstOrDefault();
        return LocationInfo.From(argument is null ? syntax : argument.Expression);
    }
}

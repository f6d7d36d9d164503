using System.Collections.Immutable;
using Substra.Generators.Helpers;
using Substra.Generators.Model;

namespace Substra.Generators.Diagnostics;

/// <summary>One SUB031 per method that has Substra parameter or return attributes but no <c>[SubstraFunction]</c>.</summary>
internal static class UnmarkedFunctionChecks
{
    public static EquatableArray<DiagnosticInfo> Run(ImmutableArray<UnmarkedAttribute> attributes)
    {
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var method in attributes
                     .GroupBy(static a => (a.MethodLocation, a.Method))
                     .OrderBy(static g => g.Key.MethodLocation?.FilePath, StringComparer.Ordinal)
                     .ThenBy(static g => g.Key.MethodLocation?.TextSpan.Start))
        {
            var names = method.Select(static a => a.Attribute).Distinct(StringComparer.Ordinal).OrderBy(static a => a, StringComparer.Ordinal).ToList();
            var list = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AttributesWithoutFunction, method.Key.MethodLocation,
                method.Key.Method, list, names.Count == 1 ? "the attribute" : "the attributes"));
        }

        return diagnostics.ToEquatableArray();
    }
}

using Substra.Generators.Helpers;
using Substra.Generators.Model;

namespace Substra.Generators.Diagnostics;

/// <summary>Checks that span the whole project: duplicate function names (also by case), several openers or startups.</summary>
internal static class ProjectChecks
{
    public static EquatableArray<DiagnosticInfo> Run(
        System.Collections.Immutable.ImmutableArray<FunctionKey> functions,
        EquatableArray<Result<OpenerModel>> openers,
        EquatableArray<Result<StartupModel>> startups)
    {
        var diagnostics = new List<DiagnosticInfo>();
        ReportSharedNames(functions, diagnostics);
        ReportSeveral(openers, DiagnosticDescriptors.MultipleOpeners, diagnostics);
        ReportSeveral(startups, DiagnosticDescriptors.MultipleStartups, diagnostics);
        return diagnostics.ToEquatableArray();
    }

    // Each function of a shared name is told which other methods use it: the same name (SUB004), or the same name in
    // another case (SUB033), which artifact files on Windows and macOS cannot tell apart.
    private static void ReportSharedNames(System.Collections.Immutable.ImmutableArray<FunctionKey> functions, List<DiagnosticInfo> diagnostics)
    {
        foreach (var group in functions
                     .GroupBy(static f => f.Name, StringComparer.OrdinalIgnoreCase)
                     .Where(static g => g.Count() > 1)
                     .OrderBy(static g => g.Key, StringComparer.OrdinalIgnoreCase))
        {
            var keys = group
                .OrderBy(static k => k.Location?.FilePath, StringComparer.Ordinal)
                .ThenBy(static k => k.Location?.TextSpan.Start)
                .ThenBy(static k => k.Method, StringComparer.Ordinal)
                .ToList();
            foreach (var key in keys)
            {
                var others = keys.Where(other => !ReferenceEquals(other, key)).ToList();
                var sameName = others.Where(other => string.Equals(other.Name, key.Name, StringComparison.Ordinal)).ToList();
                if (sameName.Count > 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateFunctionName, key.Location, key.Name,
                        Join(sameName.Select(static other => "'" + other.Method + "'"))));
                }

                var otherCase = others.Where(other => !string.Equals(other.Name, key.Name, StringComparison.Ordinal)).ToList();
                if (otherCase.Count > 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NamesDifferingOnlyInCase, key.Location, key.Name,
                        Join(otherCase.Select(static other => "'" + other.Name + "' (" + other.Method + ")"))));
                }
            }
        }
    }

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[list.Count - 1];
    }

    private static void ReportSeveral<T>(EquatableArray<Result<T>> results, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, List<DiagnosticInfo> diagnostics)
        where T : class, IEquatable<T>
    {
        if (results.Count < 2)
        {
            return;
        }

        var names = string.Join(", ", results.Select(static r => r.Location is null ? "?" : System.IO.Path.GetFileName(r.Location.FilePath) + ":" + (r.Location.LineSpan.Start.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var result in results)
        {
            diagnostics.Add(DiagnosticInfo.Create(descriptor, result.Location, names));
        }
    }
}

using Substra.Generators.Helpers;
using Substra.Generators.Model;

namespace Substra.Generators.Diagnostics;

/// <summary>Checks that span the whole project: duplicate function names, several openers or startups.</summary>
internal static class ProjectChecks
{
    public static EquatableArray<DiagnosticInfo> Run(
        System.Collections.Immutable.ImmutableArray<FunctionKey> functions,
        EquatableArray<Result<OpenerModel>> openers,
        EquatableArray<Result<StartupModel>> startups)
    {
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var duplicate in functions
                     .GroupBy(static f => f.Name, StringComparer.Ordinal)
                     .Where(static g => g.Count() > 1)
                     .OrderBy(static g => g.Key, StringComparer.Ordinal))
        {
            foreach (var key in duplicate.OrderBy(static k => k.Location?.FilePath, StringComparer.Ordinal).ThenBy(static k => k.Location?.TextSpan.Start))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateFunctionName, key.Location, key.Name));
            }
        }

        ReportSeveral(openers, DiagnosticDescriptors.MultipleOpeners, diagnostics);
        ReportSeveral(startups, DiagnosticDescriptors.MultipleStartups, diagnostics);
        return diagnostics.ToEquatableArray();
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

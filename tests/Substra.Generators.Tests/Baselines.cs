using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Substra.Generators.Tests;

/// <summary>
/// Compares generated sources with the checked-in files <c>Baselines/{Test}/{HintName}</c>, and the generator's
/// diagnostics, when there are any, with <c>Baselines/{Test}/Diagnostics.txt</c>. Build with
/// <c>-p:UpdateBaselines=true</c> or set <c>SUBSTRA_UPDATE_BASELINES=1</c> to rewrite them instead (then review the diff).
/// </summary>
internal static class Baselines
{
    private const string VersionToken = "%VERSION%";

    /// <summary>The file holding the diagnostics of a test, as the compiler prints them, each with its help link.</summary>
    public const string DiagnosticsFile = "Diagnostics.txt";

    public static string Directory { get; } = typeof(Baselines).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "BaselinesDirectory").Value!;

    public static bool Updating =>
#if UPDATE_BASELINES
        true ||
#endif
        Environment.GetEnvironmentVariable("SUBSTRA_UPDATE_BASELINES") == "1";

    private static readonly string GeneratorVersion = typeof(SubstraGenerator).Assembly.GetName().Version!.ToString();

    public static void AssertMatches(string testName, GeneratorDriverRunResult result)
    {
        var folder = Path.Combine(Directory, testName);
        var generated = result.Results.Single().GeneratedSources
            .ToDictionary(static s => s.HintName, static s => Normalize(s.SourceText.ToString()).Replace(GeneratorVersion, VersionToken, StringComparison.Ordinal));
        if (!result.Diagnostics.IsEmpty)
        {
            generated.Add(DiagnosticsFile, FormatDiagnostics(result.Diagnostics));
        }

        if (Updating)
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }

            System.IO.Directory.CreateDirectory(folder);
            foreach (var (hintName, text) in generated)
            {
                File.WriteAllText(Path.Combine(folder, hintName), text);
            }

            return;
        }

        Assert.True(System.IO.Directory.Exists(folder), $"No baselines in {folder}: run the tests with SUBSTRA_UPDATE_BASELINES=1 once and review them.");
        var expectedFiles = System.IO.Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedFiles, generated.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach (var (hintName, text) in generated)
        {
            var expectedLines = Normalize(File.ReadAllText(Path.Combine(folder, hintName))).Split('\n');
            var actualLines = text.Split('\n');
            for (var line = 0; line < Math.Max(expectedLines.Length, actualLines.Length); line++)
            {
                var expected = line < expectedLines.Length ? expectedLines[line] : "<end of file>";
                var actual = line < actualLines.Length ? actualLines[line] : "<end of file>";
                Assert.True(expected == actual, $"{testName}/{hintName} line {line + 1}:\n expected: {expected}\n   actual: {actual}");
            }
        }
    }

    private static string FormatDiagnostics(IEnumerable<Diagnostic> diagnostics)
        => string.Concat(diagnostics
            .OrderBy(static d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(static d => d.Location.SourceSpan.Start)
            .ThenBy(static d => d.Id, StringComparer.Ordinal)
            .Select(static d => d + "\n    help: " + d.Descriptor.HelpLinkUri + "\n"));

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}

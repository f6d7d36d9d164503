using System.Reflection;
using Microsoft.CodeAnalysis;
using Substra.Tests.Shared;
using Xunit;

namespace Substra.Generators.Tests;

/// <summary>
/// Every diagnostic links to its own section of docs/generator.md, and that section exists, names the id, shows an
/// example and says how to fix it; no section is left for an id that does not exist.
/// </summary>
public sealed class DiagnosticDocumentationTests
{
    private static readonly string RepositoryRoot = typeof(DiagnosticDocumentationTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "RepositoryRoot").Value!;

    private static readonly IReadOnlyList<DiagnosticDescriptor> Descriptors = typeof(SubstraGenerator).Assembly
        .GetType("Substra.Generators.Diagnostics.DiagnosticDescriptors", throwOnError: true)!
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(static f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(static f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToList();

    private static readonly string Page = Path.Combine(RepositoryRoot, "docs", SubstraDocumentation.GeneratorPage);

    [Fact]
    public void EveryDiagnosticLinksToItsSection()
    {
        var sections = DocumentationSections.Read(Page);

        Assert.NotEmpty(Descriptors);
        Assert.Equal(Descriptors.Count, Descriptors.Select(static d => d.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Descriptors, descriptor =>
        {
            Assert.Equal(SubstraDocumentation.BaseUrl + "generator.md#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLinkUri);
            DocumentationSections.AssertTeaches(sections, descriptor.Id, "docs/generator.md");
        });
    }

    [Fact]
    public void EveryDiagnosticSectionBelongsToADiagnostic()
    {
        var ids = Descriptors.Select(static d => d.Id.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

        Assert.All(DocumentationSections.Read(Page).Keys.Where(static anchor => anchor.StartsWith("sub", StringComparison.Ordinal)),
            anchor => Assert.True(ids.Contains(anchor), $"docs/generator.md has a section for {anchor}, which no diagnostic has."));
    }

    [Fact]
    public void HelpLinksPointIntoThisRepositorysDocs()
    {
        Assert.StartsWith("https://", SubstraDocumentation.BaseUrl, StringComparison.Ordinal);
        Assert.EndsWith("/docs/", SubstraDocumentation.BaseUrl, StringComparison.Ordinal);
        Assert.True(File.Exists(Page), Page);
    }
}

using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Substra.Build.Diagnostics;
using Substra.Build.Tests.Infrastructure;
using Substra.Tests.Shared;

namespace Substra.Build.Tests.Units;

/// <summary>
/// Every SUBB code, whether the task logs it or a target raises it, has a section in docs/packaging.md that names it,
/// shows an example and says how to fix it, and the errors of targets link to it.
/// </summary>
public sealed partial class ErrorDocumentationTests
{
    private static readonly string Page = Path.Combine(RepositoryLayout.Root, "docs", SubstraDocumentation.PackagingPage);

    private static readonly string[] TaskCodes = typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(static f => f.IsLiteral)
        .Select(static f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void Every_code_of_the_task_has_its_section()
    {
        var sections = DocumentationSections.Read(Page);

        Assert.NotEmpty(TaskCodes);
        Assert.All(TaskCodes, code => DocumentationSections.AssertTeaches(sections, code, "docs/packaging.md"));
    }

    [Fact]
    public void Every_code_raised_by_a_target_links_to_its_section()
    {
        var sections = DocumentationSections.Read(Page);
        var raised = MSBuildFiles()
            .SelectMany(static file => XDocument.Load(file).Descendants()
                .Where(static e => e.Name.LocalName is "Error" or "Warning" && e.Attribute("Code")?.Value.StartsWith("SUBB", StringComparison.Ordinal) == true)
                .Select(e => (File: file, Code: e.Attribute("Code")!.Value, HelpLink: e.Attribute("HelpLink")?.Value, Text: e.Attribute("Text")?.Value)))
            .ToList();

        Assert.NotEmpty(raised);
        Assert.All(raised, error =>
        {
            Assert.Equal("$(_SubstraDocumentationUrl)packaging.md#" + error.Code.ToLowerInvariant(), error.HelpLink);
            // Plain console logs do not show help links: the message ends with it, as the task's messages do.
            Assert.EndsWith(" (" + error.HelpLink + ")", error.Text, StringComparison.Ordinal);
            DocumentationSections.AssertTeaches(sections, error.Code, "docs/packaging.md");
        });
    }

    [Fact]
    public void Targets_link_to_the_same_documentation_as_the_task_and_the_generator()
    {
        var definitions = MSBuildFiles()
            .SelectMany(static file => XDocument.Load(file).Descendants().Where(static e => e.Name.LocalName == "_SubstraDocumentationUrl"))
            .Select(static e => e.Value)
            .ToList();

        Assert.NotEmpty(definitions);
        // In the repository the targets take Directory.Build.props's address, made from the repository URL.
        Assert.All(definitions, value => Assert.Equal(SubstraDocumentation.BaseUrl, value == "$(SubstraDocumentationUrl)" ? RepositoryDocumentationUrl() : value));
    }

    private static string RepositoryDocumentationUrl()
    {
        var properties = XDocument.Load(Path.Combine(RepositoryLayout.Root, "Directory.Build.props")).Descendants().ToList();
        string Property(string name) => Assert.Single(properties, e => e.Name.LocalName == name).Value;
        return Property("SubstraDocumentationUrl").Replace("$(SubstraRepositoryUrl)", Property("SubstraRepositoryUrl"), StringComparison.Ordinal);
    }

    // A code written anywhere in the build's sources (a message, a target) is documented; a documented code exists.
    [Fact]
    public void Documented_codes_are_exactly_the_codes_in_the_sources()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "msbuild"), "*.*", SearchOption.AllDirectories)
            .Where(static file => Path.GetExtension(file) is ".cs" or ".targets" or ".props" && !IsBuildOutput(file))
            .Concat(MSBuildFiles());
        var used = sources.SelectMany(static file => Code().Matches(File.ReadAllText(file)).Select(static m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
        var documented = DocumentationSections.Read(Page).Keys
            .Where(static anchor => anchor.StartsWith("subb", StringComparison.Ordinal))
            .Select(static anchor => anchor.ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(used.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> MSBuildFiles()
        => new[] { Path.Combine(RepositoryLayout.Root, "msbuild"), Path.Combine(RepositoryLayout.Root, "eng") }
            .SelectMany(static folder => Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories))
            .Where(static file => Path.GetExtension(file) is ".targets" or ".props" && !IsBuildOutput(file))
            .Distinct(StringComparer.Ordinal);

    private static bool IsBuildOutput(string file)
        => file.Split(Path.DirectorySeparatorChar).Any(static part => part is "bin" or "obj");

    [GeneratedRegex(@"\bSUBB\d{3}\b")]
    private static partial Regex Code();
}

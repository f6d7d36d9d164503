using System.Text.RegularExpressions;
using Xunit;

namespace Substra.Tests.Shared;

/// <summary>
/// The sections of a docs/ page that diagnostics link to: a heading <c>### &lt;a id="sub001"&gt;&lt;/a&gt;SUB001: title</c>
/// and the text up to the next heading of that level or above.
/// </summary>
internal static partial class DocumentationSections
{
    /// <summary>Each section's text (heading included), by anchor.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? anchor = null;
        var text = new List<string>();
        foreach (var line in File.ReadAllLines(path).Append("## end"))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (anchor is not null)
                {
                    Assert.True(sections.TryAdd(anchor, string.Join('\n', text)), $"{path} has two sections with the anchor '{anchor}'.");
                }

                var match = Anchor().Match(line);
                anchor = line.StartsWith("### ", StringComparison.Ordinal) && match.Success ? match.Groups[1].Value : null;
                text.Clear();
            }

            text.Add(line);
        }

        return sections;
    }

    /// <summary>Fails unless the section of <paramref name="id"/> names it, shows an example and says how to fix it.</summary>
    public static void AssertTeaches(IReadOnlyDictionary<string, string> sections, string id, string page)
    {
        Assert.True(sections.TryGetValue(id.ToLowerInvariant(), out var section), $"{page} has no section <a id=\"{id.ToLowerInvariant()}\"></a> for {id}.");
        var heading = section!.Split('\n')[0];
        Assert.True(heading.Contains(id + ":", StringComparison.Ordinal), $"The heading of {id}'s section in {page} does not name it: {heading}");
        Assert.True(section.Contains("\n```", StringComparison.Ordinal), $"The section of {id} in {page} has no example (a fenced block).");
        Assert.True(section.Contains("\n**Fix:**", StringComparison.Ordinal), $"The section of {id} in {page} does not say how to fix it (a **Fix:** paragraph).");
    }

    [GeneratedRegex("<a id=\"([a-z0-9-]+)\"></a>")]
    private static partial Regex Anchor();
}

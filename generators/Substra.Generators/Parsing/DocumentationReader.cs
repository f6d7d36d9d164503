using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Substra.Generators.Parsing;

/// <summary>
/// Reads a declaration's XML documentation comment (&lt;summary&gt; and &lt;remarks&gt;) as markdown text. It reads the
/// syntax trivia rather than ISymbol.GetDocumentationCommentXml, which is empty when GenerateDocumentationFile is off.
/// </summary>
internal static class DocumentationReader
{
    public static string? Read(SyntaxNode declaration)
    {
        var xml = CollectCommentXml(declaration);
        if (xml is null)
        {
            return null;
        }

        XElement root;
        try
        {
            root = XElement.Parse("<doc>" + xml + "</doc>", LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            // A malformed comment is the compiler's to report (CS1570); we just do not describe the function.
            return null;
        }

        var parts = new[] { root.Element("summary"), root.Element("remarks") }
            .Where(static e => e is not null)
            .Select(static e => ToMarkdown(e!))
            .Where(static s => s.Length > 0)
            .ToArray();
        return parts.Length == 0 ? null : string.Join("\n\n", parts);
    }

    private static string? CollectCommentXml(SyntaxNode declaration)
    {
        var builder = new StringBuilder();
        var found = false;
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            var kind = trivia.Kind();
            if (kind is SyntaxKind.SingleLineDocumentationCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia)
            {
                found = true;
                AppendCommentLines(builder, trivia.ToFullString());
            }
            else if (kind == SyntaxKind.SingleLineCommentTrivia && trivia.ToString().StartsWith("///", StringComparison.Ordinal))
            {
                // With DocumentationMode.None the parser keeps /// lines as plain comments.
                found = true;
                AppendCommentLines(builder, trivia.ToString());
            }
        }

        return found ? builder.ToString() : null;
    }

    private static void AppendCommentLines(StringBuilder builder, string text)
    {
        foreach (var rawLine in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = rawLine.TrimStart();
            if (line.StartsWith("///", StringComparison.Ordinal))
            {
                line = line.Substring(3);
            }
            else if (line.StartsWith("/**", StringComparison.Ordinal))
            {
                line = line.Substring(3);
            }
            else if (line.StartsWith("*/", StringComparison.Ordinal))
            {
                line = line.Substring(2);
            }
            else if (line.StartsWith("*", StringComparison.Ordinal))
            {
                line = line.Substring(1);
            }

            if (line.EndsWith("*/", StringComparison.Ordinal))
            {
                line = line.Substring(0, line.Length - 2);
            }

            builder.Append(line).Append('\n');
        }
    }

    private static string ToMarkdown(XElement element)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();

        void Flush()
        {
            var text = CollapseSpaces(current.ToString());
            if (text.Length > 0)
            {
                paragraphs.Add(text);
            }

            current.Clear();
        }

        void Walk(XNode node)
        {
            switch (node)
            {
                case XText text:
                    current.Append(text.Value);
                    break;
                case XElement { Name.LocalName: "para" } para:
                    Flush();
                    foreach (var child in para.Nodes())
                    {
                        Walk(child);
                    }

                    Flush();
                    break;
                case XElement { Name.LocalName: "code" } code:
                    Flush();
                    paragraphs.Add("```\n" + Dedent(code.Value) + "\n```");
                    break;
                case XElement { Name.LocalName: "c" } inline:
                    current.Append('`').Append(inline.Value).Append('`');
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    var target = (string?)see.Attribute("langword") ?? StripCrefPrefix((string?)see.Attribute("cref") ?? (string?)see.Attribute("href") ?? string.Empty);
                    current.Append(see.Value.Length > 0 ? see.Value : "`" + target + "`");
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    current.Append('`').Append((string?)reference.Attribute("name")).Append('`');
                    break;
                case XElement { Name.LocalName: "br" }:
                    current.Append('\n');
                    break;
                case XElement { Name.LocalName: "list" } list:
                    Flush();
                    var items = list.Elements("item")
                        .Select(static item => "- " + CollapseSpaces(string.Concat(item.Nodes().Select(static n => n is XElement e ? e.Value : n.ToString()))));
                    paragraphs.Add(string.Join("\n", items));
                    break;
                case XElement other:
                    foreach (var child in other.Nodes())
                    {
                        Walk(child);
                    }

                    break;
            }
        }

        foreach (var node in element.Nodes())
        {
            Walk(node);
        }

        Flush();
        return string.Join("\n\n", paragraphs);
    }

    private static string StripCrefPrefix(string cref)
        => cref.Length > 2 && cref[1] == ':' ? cref.Substring(2) : cref;

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var character in text)
        {
            if (char.IsWhiteSpace(character))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(character);
        }

        return builder.ToString();
    }

    private static string Dedent(string code)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n').ToList();
        while (lines.Count > 0 && lines[0].Trim().Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[lines.Count - 1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var indent = lines.Where(static l => l.Trim().Length > 0).Select(static l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l.Substring(indent) : l.TrimStart()));
    }
}

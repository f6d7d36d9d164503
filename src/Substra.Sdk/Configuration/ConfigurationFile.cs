using Substra.Sdk.Exceptions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Substra.Sdk.Configuration;

/// <summary>
/// Reads the YAML configuration file: a mapping from client name to that client's settings. Read from the parser's events
/// (not a document model, whose hashing of keys overflows the stack on a recursive alias), so that every malformed file is
/// a <see cref="BadConfigurationException"/> naming the file, the line and the column.
/// </summary>
internal static class ConfigurationFile
{
    /// <summary>The settings a client entry may hold, as the reference reads them.</summary>
    public static readonly string[] Settings = ["url", "token", "username", "password", "retry_timeout", "insecure", "backend_type"];

    private const int MaxDepth = 64;
    private const string MergeKey = "<<";

    /// <summary>The settings of <paramref name="clientName"/> (absent and null values left out); empty when the file has no such entry.</summary>
    /// <param name="path">The file; a missing file or a folder is an error.</param>
    /// <param name="clientName">The entry to read.</param>
    /// <param name="source">Where the path came from, for errors.</param>
    public static Dictionary<string, string> Read(string path, string clientName, string source)
    {
        string text;
        if (Directory.Exists(path))
        {
            throw new BadConfigurationException(
                $"The configuration file '{Path.GetFullPath(path)}' (from {source}) is a folder: give the path of the YAML file itself.");
        }

        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BadConfigurationException(
                $"The configuration file '{Path.GetFullPath(path)}' (from {source}) does not exist: fix the path, or create the file "
                + "(a mapping from client name to settings, such as 'org-1: {backend_type: remote, url: …}').",
                e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadConfigurationException($"The configuration file '{Path.GetFullPath(path)}' (from {source}) cannot be read: {e.Message}", e);
        }

        var root = new Reader(path, text).ReadSingleDocument();
        return SettingsOf(path, root, clientName);
    }

    private static Dictionary<string, string> SettingsOf(string path, Node? root, string clientName)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root is null or ScalarNode { IsNull: true })
        {
            return values;
        }

        if (root is not MappingNode clients)
        {
            throw Error(path, root.Start,
                "the file must be a mapping from client name to settings, such as 'org-1: {backend_type: remote, url: …}'");
        }

        var entry = clients.Entries.FirstOrDefault(e => e.Key.Value == clientName).Value;
        if (entry is null or ScalarNode { IsNull: true })
        {
            return values;
        }

        if (entry is not MappingNode settings)
        {
            throw Error(path, entry.Start,
                $"the entry '{clientName}' must be a mapping of settings ({string.Join(", ", Settings)}), such as 'url: https://…' on indented lines");
        }

        foreach (var (key, value) in settings.Entries)
        {
            if (!Settings.Contains(key.Value, StringComparer.Ordinal))
            {
                throw Error(path, key.Start,
                    $"unknown setting '{key.Value}' for client '{clientName}'{SettingNames.DidYouMean(key.Value, Settings)}; "
                    + $"the settings are {string.Join(", ", Settings)}");
            }

            if (value is not ScalarNode scalar)
            {
                throw Error(path, value.Start, $"'{key.Value}' of client '{clientName}' must be a single value, not a {value.Kind}");
            }

            if (!scalar.IsNull)
            {
                values[key.Value] = scalar.Value;
            }
        }

        return values;
    }

    private static BadConfigurationException Error(string path, Mark at, string message, Exception? inner = null)
        => new($"The configuration file '{path}' is not valid at line {at.Line}, column {at.Column}: {message}.", inner);

    private abstract record Node(Mark Start)
    {
        public abstract string Kind { get; }
    }

    private sealed record ScalarNode(string Value, bool IsNull, Mark Start) : Node(Start)
    {
        public override string Kind => "value";
    }

    private sealed record MappingNode(List<KeyValuePair<ScalarNode, Node>> Entries, Mark Start) : Node(Start)
    {
        public override string Kind => "mapping";
    }

    private sealed record SequenceNode(List<Node> Items, Mark Start) : Node(Start)
    {
        public override string Kind => "list";
    }

    /// <summary>Builds nodes from parser events: scalar keys only, aliases resolved, merge keys applied, duplicates refused.</summary>
    private sealed class Reader(string path, string text)
    {
        private readonly Parser _parser = new(new StringReader(text));
        private readonly Dictionary<string, Node> _anchors = new(StringComparer.Ordinal);
        private readonly HashSet<string> _open = new(StringComparer.Ordinal);
        private Mark _position = Mark.Empty;
        private bool _started;

        public Node? ReadSingleDocument()
        {
            Expect<StreamStart>();
            if (Accept<StreamEnd>())
            {
                return null;
            }

            Expect<DocumentStart>();
            var root = Accept<DocumentEnd>() ? null : ReadNode(0);
            Expect<DocumentEnd>();
            if (!Accept<StreamEnd>())
            {
                throw Error(path, _position, "the file holds several YAML documents; keep a single mapping of clients");
            }

            return root;
        }

        private Node ReadNode(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error(path, _position, $"nesting deeper than {MaxDepth} levels");
            }

            var next = Next();
            switch (next)
            {
                case AnchorAlias alias:
                    if (_open.Contains(alias.Value.Value))
                    {
                        throw Error(path, alias.Start, $"the alias '*{alias.Value}' refers to a node that contains it");
                    }

                    return _anchors.TryGetValue(alias.Value.Value, out var target)
                        ? target
                        : throw Error(path, alias.Start, $"the alias '*{alias.Value}' refers to no anchor defined before it");
                case Scalar scalar:
                    return Anchor(scalar.Anchor, new ScalarNode(
                        scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL", scalar.Start));
                case SequenceStart sequence:
                    Open(sequence.Anchor);
                    var items = new List<Node>();
                    while (!Accept<SequenceEnd>())
                    {
                        items.Add(ReadNode(depth + 1));
                    }

                    return Anchor(sequence.Anchor, new SequenceNode(items, sequence.Start));
                case MappingStart mapping:
                    Open(mapping.Anchor);
                    return Anchor(mapping.Anchor, ReadMapping(mapping, depth));
                default:
                    throw Error(path, next.Start, $"unexpected {next.GetType().Name}");
            }
        }

        private MappingNode ReadMapping(MappingStart start, int depth)
        {
            var entries = new List<KeyValuePair<ScalarNode, Node>>();
            var merged = new List<MappingNode>();
            while (!Accept<MappingEnd>())
            {
                var keyNode = ReadNode(depth + 1);
                if (keyNode is not ScalarNode key)
                {
                    throw Error(path, keyNode.Start, $"a key must be a plain value, not a {keyNode.Kind}");
                }

                var value = ReadNode(depth + 1);
                if (key.Value == MergeKey && !key.IsNull)
                {
                    merged.AddRange(MergedMappings(value));
                    continue;
                }

                var duplicate = entries.FindIndex(entry => entry.Key.Value == key.Value);
                if (duplicate >= 0)
                {
                    throw Error(path, key.Start, $"'{key.Value}' is given twice (first at line {entries[duplicate].Key.Start.Line}); keep one");
                }

                entries.Add(new(key, value));
            }

            // "<<: *base" copies the keys the mapping does not set itself (the first merged mapping wins).
            foreach (var source in merged)
            {
                foreach (var entry in source.Entries.Where(entry => !entries.Exists(existing => existing.Key.Value == entry.Key.Value)))
                {
                    entries.Add(entry);
                }
            }

            return new MappingNode(entries, start.Start);
        }

        private IEnumerable<MappingNode> MergedMappings(Node value) => value switch
        {
            MappingNode mapping => [mapping],
            SequenceNode sequence when sequence.Items.All(item => item is MappingNode) => sequence.Items.Cast<MappingNode>(),
            _ => throw Error(path, value.Start, "a merge key '<<' takes a mapping or a list of mappings"),
        };

        private void Open(AnchorName anchor)
        {
            if (!anchor.IsEmpty)
            {
                _open.Add(anchor.Value);
            }
        }

        private T Anchor<T>(AnchorName anchor, T node) where T : Node
        {
            if (!anchor.IsEmpty)
            {
                _open.Remove(anchor.Value);
                _anchors[anchor.Value] = node;
            }

            return node;
        }

        private void Expect<T>() where T : ParsingEvent
        {
            var next = Next();
            if (next is not T)
            {
                throw Error(path, next.Start, $"unexpected {next.GetType().Name}");
            }
        }

        private bool Accept<T>() where T : ParsingEvent
        {
            if (Peek() is T)
            {
                Next();
                return true;
            }

            return false;
        }

        private ParsingEvent Peek() => Guard(() =>
        {
            if (!_started)
            {
                _started = true;
                _parser.MoveNext();
            }

            return _parser.Current ?? throw Error(path, _position, "the file ends too early");
        });

        private ParsingEvent Next()
        {
            var current = Peek();
            _position = current.End;
            Guard(_parser.MoveNext);
            return current;
        }

        // The parser reports a tab in the indentation at the start of the enclosing mapping: point at the tab itself.
        private Mark TabIndentation(Mark mappingStart)
        {
            var lines = text.Split('\n');
            for (var line = (int)Math.Max(mappingStart.Line, 1); line <= lines.Length; line++)
            {
                var indentation = lines[line - 1].Length - lines[line - 1].TrimStart(' ', '\t').Length;
                var tab = lines[line - 1].IndexOf('\t', StringComparison.Ordinal);
                if (tab >= 0 && tab < indentation)
                {
                    return new Mark(0, line, tab + 1);
                }
            }

            return mappingStart;
        }

        private T Guard<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (YamlException e)
            {
                throw Error(path, e.Message.Contains("tab", StringComparison.Ordinal) ? TabIndentation(e.Start) : e.Start, e.Message.TrimEnd('.'), e);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                // The parser gives up on some inputs without a position: the last place it read well is the nearest.
                throw Error(path, _position, $"malformed YAML after this point ({e.Message.TrimEnd('.')})", e);
            }
        }
    }
}

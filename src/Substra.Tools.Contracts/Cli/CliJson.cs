using System.Globalization;
using System.Text;

namespace Substra.Tools.Cli;

/// <summary>
/// A small JSON reader for the command line's values (<c>--inputs</c>, <c>--outputs</c>, <c>--task-properties</c>).
/// It keeps System.Text.Json off the start-up path of every task (loading and first use cost more than the whole parse),
/// and keeps object properties in their order. Values: <c>null</c>, <see cref="bool"/>, <see cref="string"/>,
/// <see cref="CliJsonNumber"/>, <see cref="List{T}"/> of values, and <see cref="CliJsonObject"/>.
/// </summary>
internal static class CliJson
{
    /// <exception cref="FormatException">The text is not JSON; the message says where, as Python's json module does.</exception>
    public static object? Parse(string text)
    {
        var index = 0;
        SkipWhitespace(text, ref index);
        var value = ReadValue(text, ref index, depth: 0);
        SkipWhitespace(text, ref index);
        if (index < text.Length)
        {
            throw Error("Extra data", index);
        }

        return value;
    }

    public static string TypeName(object? value) => value switch
    {
        CliJsonObject => "object",
        List<object?> => "list",
        string => "string",
        CliJsonNumber => "number",
        bool => "boolean",
        _ => "null",
    };

    private static object? ReadValue(string text, ref int index, int depth)
    {
        if (depth > 64)
        {
            throw Error("Nested too deeply", index);
        }

        if (index >= text.Length)
        {
            throw Error("Expecting value", index);
        }

        switch (text[index])
        {
            case '"':
                return ReadString(text, ref index);
            case '{':
                return ReadObject(text, ref index, depth);
            case '[':
                return ReadArray(text, ref index, depth);
            case 't' when Matches(text, index, "true"):
                index += 4;
                return true;
            case 'f' when Matches(text, index, "false"):
                index += 5;
                return false;
            case 'n' when Matches(text, index, "null"):
                index += 4;
                return null;
            case '-' or (>= '0' and <= '9'):
                return ReadNumber(text, ref index);
            default:
                throw Error("Expecting value", index);
        }
    }

    private static CliJsonObject ReadObject(string text, ref int index, int depth)
    {
        var result = new CliJsonObject();
        index++;
        SkipWhitespace(text, ref index);
        if (index < text.Length && text[index] == '}')
        {
            index++;
            return result;
        }

        while (true)
        {
            if (index >= text.Length || text[index] != '"')
            {
                throw Error("Expecting property name enclosed in double quotes", index);
            }

            var name = ReadString(text, ref index);
            SkipWhitespace(text, ref index);
            if (index >= text.Length || text[index] != ':')
            {
                throw Error("Expecting ':' delimiter", index);
            }

            index++;
            SkipWhitespace(text, ref index);
            result.Add(new KeyValuePair<string, object?>(name, ReadValue(text, ref index, depth + 1)));
            SkipWhitespace(text, ref index);
            if (index < text.Length && text[index] == ',')
            {
                index++;
                SkipWhitespace(text, ref index);
                continue;
            }

            if (index < text.Length && text[index] == '}')
            {
                index++;
                return result;
            }

            throw Error("Expecting ',' delimiter", index);
        }
    }

    private static List<object?> ReadArray(string text, ref int index, int depth)
    {
        var result = new List<object?>();
        index++;
        SkipWhitespace(text, ref index);
        if (index < text.Length && text[index] == ']')
        {
            index++;
            return result;
        }

        while (true)
        {
            result.Add(ReadValue(text, ref index, depth + 1));
            SkipWhitespace(text, ref index);
            if (index < text.Length && text[index] == ',')
            {
                index++;
                SkipWhitespace(text, ref index);
                continue;
            }

            if (index < text.Length && text[index] == ']')
            {
                index++;
                return result;
            }

            throw Error("Expecting ',' delimiter", index);
        }
    }

    private static string ReadString(string text, ref int index)
    {
        var start = index;
        index++;
        var builder = new StringBuilder();
        while (index < text.Length)
        {
            var c = text[index++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw Error("Invalid control character", index - 1);
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (index >= text.Length)
            {
                break;
            }

            var escape = text[index++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u' when index + 4 <= text.Length
                    && int.TryParse(text.AsSpan(index, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    index += 4;
                    break;
                default:
                    throw Error("Invalid \\escape", index - 2);
            }
        }

        throw Error("Unterminated string starting at", start);
    }

    private static CliJsonNumber ReadNumber(string text, ref int index)
    {
        var start = index;
        if (text[index] == '-')
        {
            index++;
        }

        // A leading zero is the whole integer part ("01" is 0 followed by extra data, as in Python).
        var integerStart = index;
        if (index < text.Length && text[index] == '0')
        {
            index++;
        }
        else
        {
            SkipDigits(text, ref index);
        }

        if (index == integerStart)
        {
            throw Error("Expecting value", start);
        }

        var isInteger = true;
        if (index < text.Length && text[index] == '.')
        {
            isInteger = false;
            index++;
            var fractionStart = index;
            SkipDigits(text, ref index);
            if (index == fractionStart)
            {
                throw Error("Expecting value", start);
            }
        }

        if (index < text.Length && text[index] is 'e' or 'E')
        {
            isInteger = false;
            index++;
            if (index < text.Length && text[index] is '+' or '-')
            {
                index++;
            }

            var exponentStart = index;
            SkipDigits(text, ref index);
            if (index == exponentStart)
            {
                throw Error("Expecting value", start);
            }
        }

        return new CliJsonNumber(text[start..index], isInteger);
    }

    private static void SkipDigits(string text, ref int index)
    {
        while (index < text.Length && text[index] is >= '0' and <= '9')
        {
            index++;
        }
    }

    private static void SkipWhitespace(string text, ref int index)
    {
        while (index < text.Length && text[index] is ' ' or '\t' or '\n' or '\r')
        {
            index++;
        }
    }

    private static bool Matches(string text, int index, string literal)
        => string.CompareOrdinal(text, index, literal, 0, literal.Length) == 0;

    private static FormatException Error(string what, int index)
        => new($"{what}: line 1 column {index + 1} (char {index})");
}

/// <summary>A JSON object with its properties in order.</summary>
internal sealed class CliJsonObject : List<KeyValuePair<string, object?>>
{
    public bool TryGetValue(string name, out object? value)
    {
        foreach (var property in this)
        {
            if (property.Key == name)
            {
                value = property.Value;
                return true;
            }
        }

        value = null;
        return false;
    }
}

/// <summary>A JSON number, kept as its text.</summary>
internal sealed record CliJsonNumber(string Text, bool IsInteger);

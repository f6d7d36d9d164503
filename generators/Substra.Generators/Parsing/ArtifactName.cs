using System.Globalization;

namespace Substra.Generators.Parsing;

/// <summary>
/// What a function or opener name may be: it names files (<c>train.zip</c>, <c>csv.opener</c>, <c>train.md</c>) on
/// every system. The generator checks it on the attribute (SUB032); the build tasks compile this file in and check
/// metadata the generator did not write (SUBB007), so both apply one rule.
/// </summary>
internal static class ArtifactName
{
    public const int MaxLength = 128;

    /// <summary>Why <paramref name="name"/> cannot name artifact files, or null when it can.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > MaxLength)
        {
            return "it is " + name.Length.ToString(CultureInfo.InvariantCulture) + " characters long";
        }

        if (!IsAsciiLetterOrDigit(name[0]))
        {
            return "it starts with " + Describe(name, 0);
        }

        for (var index = 1; index < name.Length; index++)
        {
            var c = name[index];
            if (!IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return "it contains " + Describe(name, index);
            }
        }

        return null;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');

    // Quoted when printable, with its code point when it could be mistaken for something else (é, a space, a tab).
    private static string Describe(string name, int index)
    {
        var c = name[index];
        if (c == ' ')
        {
            return "a space";
        }

        var codePoint = char.IsSurrogatePair(name, index) ? char.ConvertToUtf32(name, index) : c;
        var hex = "U+" + codePoint.ToString("X4", CultureInfo.InvariantCulture);
        if (char.IsControl(c) || char.IsWhiteSpace(c) || (char.IsSurrogate(c) && !char.IsSurrogatePair(name, index)))
        {
            return "the character " + hex;
        }

        var text = char.IsSurrogatePair(name, index) ? name.Substring(index, 2) : c.ToString();
        return c < 128 ? "'" + text + "'" : "'" + text + "' (" + hex + ")";
    }
}

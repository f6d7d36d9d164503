namespace Substra.Tools.Cli;

/// <summary>
/// argparse's <c>fromfile_prefix_chars="@"</c>: an argument <c>@path</c> is replaced by the lines of the file, one argument
/// per line (an empty line is an empty argument), expanded recursively.
/// </summary>
internal static class ArgumentFiles
{
    /// <summary>Returns the arguments with every <c>@file</c> expanded.</summary>
    /// <exception cref="InvalidCliException">An arguments file cannot be read.</exception>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var expanded = new List<string>(args.Count);
        Expand(args, expanded, depth: 0);
        return expanded;
    }

    private static void Expand(IReadOnlyList<string> args, List<string> expanded, int depth)
    {
        foreach (var argument in args)
        {
            if (!argument.StartsWith('@'))
            {
                expanded.Add(argument);
                continue;
            }

            // argparse has no limit; a file including itself would never end there, here it is an error.
            if (depth > 16)
            {
                throw new InvalidCliException($"arguments file '{argument[1..]}' includes arguments files more than 16 levels deep");
            }

            string text;
            try
            {
                text = File.ReadAllText(argument[1..]);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new InvalidCliException($"cannot read the arguments file '{argument[1..]}': {exception.Message}");
            }

            Expand(SplitLines(text), expanded, depth + 1);
        }
    }

    /// <summary>Python's <c>str.splitlines()</c> for the usual line ends: no trailing empty line.</summary>
    internal static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }
}

using System.Text;
using System.Text.Json;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// The exec-form ENTRYPOINT of a function's Dockerfile (the last one, as Docker uses), its <c>--function-name</c>,
/// and the last WORKDIR (to map absolute container paths back into the unpacked archive).
/// </summary>
internal sealed record DockerfileEntrypoint(IReadOnlyList<string> Tokens, string FunctionName, string? WorkingDirectory)
{
    public const string Example = "ENTRYPOINT [\"python3\", \"function.py\", \"--function-name\", \"train\"]";

    /// <summary>The ENTRYPOINT tokens without the <c>--function-name &lt;name&gt;</c> pair, which goes to arguments.txt.</summary>
    public IReadOnlyList<string> TokensWithoutFunctionName
    {
        get
        {
            var tokens = new List<string>(Tokens.Count);
            for (var i = 0; i < Tokens.Count; i++)
            {
                if (Tokens[i] == "--function-name" && i + 1 < Tokens.Count)
                {
                    i++;
                    continue;
                }

                tokens.Add(Tokens[i]);
            }

            return tokens;
        }
    }

    public static DockerfileEntrypoint Read(string functionDirectory)
    {
        var dockerfile = Path.Combine(functionDirectory, "Dockerfile");
        if (!File.Exists(dockerfile))
        {
            throw new BuildException(
                $"Couldn't get entrypoint in Dockerfile: the function archive has no 'Dockerfile' at its root. Add one with a line such as: {Example}");
        }

        return Parse(File.ReadAllText(dockerfile));
    }

    public static DockerfileEntrypoint Parse(string dockerfile)
    {
        string? entrypoint = null;
        string? workingDirectory = null;
        foreach (var instruction in Instructions(dockerfile))
        {
            var keywordEnd = instruction.IndexOfAny([' ', '\t']);
            var keyword = keywordEnd < 0 ? instruction : instruction[..keywordEnd];
            var rest = keywordEnd < 0 ? string.Empty : instruction[keywordEnd..].Trim();
            if (keyword.Equals("ENTRYPOINT", StringComparison.OrdinalIgnoreCase))
            {
                entrypoint = rest;
            }
            else if (keyword.Equals("WORKDIR", StringComparison.OrdinalIgnoreCase) && rest.Length > 0)
            {
                workingDirectory = rest.StartsWith('/') || workingDirectory is null ? rest : $"{workingDirectory.TrimEnd('/')}/{rest}";
            }
        }

        if (entrypoint is null)
        {
            throw new BuildException($"Couldn't get entrypoint in Dockerfile: it has no ENTRYPOINT instruction. Add one such as: {Example}");
        }

        string[]? tokens = null;
        try
        {
            tokens = JsonSerializer.Deserialize(entrypoint, EntrypointJsonContext.Default.StringArray);
        }
        catch (JsonException)
        {
        }

        if (tokens is null || tokens.Length == 0 || tokens.Any(string.IsNullOrEmpty))
        {
            throw new BuildException(
                $"Couldn't parse the ENTRYPOINT line in Dockerfile: 'ENTRYPOINT {entrypoint}'. It must be in exec form, a JSON array of " +
                $"non-empty strings (the shell form is not supported), such as: {Example}");
        }

        var nameIndex = Array.IndexOf(tokens, "--function-name");
        if (nameIndex < 0 || nameIndex + 1 >= tokens.Length)
        {
            throw new BuildException(
                $"Couldn't extract method name from ENTRYPOINT line in Dockerfile: 'ENTRYPOINT {entrypoint}' has no \"--function-name\", \"<name>\" pair. " +
                $"Write it such as: {Example}");
        }

        return new DockerfileEntrypoint(tokens, tokens[nameIndex + 1], workingDirectory);
    }

    /// <summary>The Dockerfile's instructions, with comments dropped and backslash continuations joined.</summary>
    private static IEnumerable<string> Instructions(string dockerfile)
    {
        var current = new StringBuilder();
        foreach (var rawLine in dockerfile.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#'))
            {
                continue;
            }

            var continued = trimmed.EndsWith('\\');
            current.Append(continued ? trimmed[..^1] : trimmed).Append(' ');
            if (continued)
            {
                continue;
            }

            var instruction = current.ToString().Trim();
            current.Clear();
            if (instruction.Length > 0)
            {
                yield return instruction;
            }
        }

        if (current.Length > 0 && current.ToString().Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }
}

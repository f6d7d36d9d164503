using System.Text.RegularExpressions;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// What the subprocess spawner runs for an ENTRYPOINT: the program and its leading arguments, without a shell.
/// <c>dotnet x.dll</c> runs on this machine's dotnet host, <c>python3 x.py</c> (or a bare <c>x.py</c>) on the configured
/// Python, anything else is a native executable inside the archive. Container paths are mapped into the function folder.
/// </summary>
internal sealed partial record EntrypointCommand(string Program, IReadOnlyList<string> Arguments)
{
    public static EntrypointCommand Resolve(DockerfileEntrypoint entrypoint, string functionDirectory, SubprocessSpawnerOptions options)
    {
        var tokens = entrypoint.TokensWithoutFunctionName;
        var program = tokens[0];
        var programName = Path.GetFileName(program);
        var rest = tokens.Skip(1).ToList();

        if (programName.Equals("dotnet", StringComparison.OrdinalIgnoreCase) || programName.Equals("dotnet.exe", StringComparison.OrdinalIgnoreCase))
        {
            var assemblyIndex = rest.FindIndex(token => token.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
            if (assemblyIndex < 0)
            {
                throw new BuildException(
                    $"Couldn't extract the assembly from ENTRYPOINT line in Dockerfile: {Describe(entrypoint)} runs dotnet without a .dll. " +
                    "Write it such as: ENTRYPOINT [\"dotnet\", \"MyFunctions.dll\", \"--function-name\", \"train\"]");
            }

            rest[assemblyIndex] = MapIntoArchive(rest[assemblyIndex], entrypoint, functionDirectory, "assembly");
            return new EntrypointCommand(options.ResolveDotnetHost(), rest);
        }

        if (PythonInterpreterName().IsMatch(programName) || program.EndsWith(".py", StringComparison.OrdinalIgnoreCase))
        {
            var arguments = PythonInterpreterName().IsMatch(programName) ? rest : tokens.ToList();
            var scriptIndex = arguments.FindIndex(token => token.EndsWith(".py", StringComparison.OrdinalIgnoreCase));
            if (scriptIndex < 0)
            {
                throw new BuildException(
                    $"Couldn't extract script from ENTRYPOINT line in Dockerfile: {Describe(entrypoint)} has no .py script. " +
                    $"Write it such as: {DockerfileEntrypoint.Example}");
            }

            arguments[scriptIndex] = MapIntoArchive(arguments[scriptIndex], entrypoint, functionDirectory, "script");
            return new EntrypointCommand(options.ResolvePython(), arguments);
        }

        return new EntrypointCommand(MapIntoArchive(program, entrypoint, functionDirectory, "executable"), rest);
    }

    /// <summary>
    /// The host path of a file named in the ENTRYPOINT: relative to the archive root, or absolute in the image (under its
    /// WORKDIR, or by file name at the archive root).
    /// </summary>
    private static string MapIntoArchive(string token, DockerfileEntrypoint entrypoint, string functionDirectory, string what)
    {
        var candidates = new List<string>();
        var normalized = token.Replace('\\', '/');
        if (!normalized.StartsWith('/'))
        {
            candidates.Add(Path.Combine(functionDirectory, normalized));
        }
        else
        {
            if (entrypoint.WorkingDirectory is { } workdir)
            {
                var prefix = workdir.TrimEnd('/') + "/";
                if (normalized.StartsWith(prefix, StringComparison.Ordinal))
                {
                    candidates.Add(Path.Combine(functionDirectory, normalized[prefix.Length..]));
                }
            }

            candidates.Add(Path.Combine(functionDirectory, Path.GetFileName(normalized)));
        }

        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            throw new BuildException(
                $"The ENTRYPOINT {what} '{token}' was not found in the function archive ({Describe(entrypoint)}). " +
                "Put it in the archive, at the path the ENTRYPOINT names relative to the archive root or to the Dockerfile's WORKDIR.");
        }

        return Path.GetFullPath(found);
    }

    private static string Describe(DockerfileEntrypoint entrypoint) =>
        "ENTRYPOINT [" + string.Join(", ", entrypoint.Tokens.Select(token => $"\"{token}\"")) + "]";

    [GeneratedRegex(@"^python(\d+(\.\d+)*)?(\.exe)?$", RegexOptions.IgnoreCase)]
    private static partial Regex PythonInterpreterName();
}

using System.Reflection;

namespace Substra.Samples.FedAvg;

/// <summary>
/// Finds the artifacts <c>dotnet build</c> wrote for the referenced projects (recorded by SubstraArtifacts.targets):
/// <c>substra/functions/&lt;name&gt;.zip|.json|.md</c> and <c>substra/openers/&lt;name&gt;.opener|.md</c>.
/// </summary>
public sealed class BuildArtifacts
{
    private readonly IReadOnlyList<string> folders;

    public BuildArtifacts(IEnumerable<string> folders)
    {
        this.folders = folders.ToList();
    }

    /// <summary>The folders recorded in this program's assembly metadata.</summary>
    public static BuildArtifacts FromAssembly(Assembly assembly) => new(
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith("SubstraArtifacts:", StringComparison.Ordinal) && a.Value is not null)
            .Select(a => a.Value!));

    /// <summary>These artifacts, with <paramref name="folder"/> searched first (e.g. the native archives of another build).</summary>
    public BuildArtifacts SearchingFirst(string folder) => new([folder, .. folders]);

    public string FunctionArchive(string name) => Find(Path.Combine("functions", name + ".zip"), $"function '{name}'");

    public string FunctionDescription(string name) => Find(Path.Combine("functions", name + ".md"), $"function '{name}'");

    public string Opener(string name) => Find(Path.Combine("openers", name + ".opener"), $"opener '{name}'");

    public string OpenerDescription(string name) => Find(Path.Combine("openers", name + ".md"), $"opener '{name}'");

    private string Find(string relativePath, string what)
    {
        foreach (string folder in folders)
        {
            string candidate = Path.Combine(folder, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"The {what} was not built: '{relativePath}' is in none of [{string.Join(", ", folders)}]. "
            + "Build the solution (dotnet build) so that the referenced projects write their Substra artifacts.");
    }
}

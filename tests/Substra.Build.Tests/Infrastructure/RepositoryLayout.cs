namespace Substra.Build.Tests.Infrastructure;

/// <summary>Paths in the repository these tests build against.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string FromSourceTargets => Path.Combine(Root, "eng", "Substra.FromSource.targets");

    public static string ToolsProject => Path.Combine(Root, "src", "Substra.Tools", "Substra.Tools.csproj");

    public static string ContractsProject => Path.Combine(Root, "src", "Substra.Tools.Contracts", "Substra.Tools.Contracts.csproj");

    /// <summary>A function project of this repository, built from its own folder like the samples.</summary>
    public static string TrivialFunctionProject => Path.Combine(Root, "bench", "Substra.Bench.TrivialFunction", "Substra.Bench.TrivialFunction.csproj");

    public static string GeneratorProject => Path.Combine(Root, "generators", "Substra.Generators", "Substra.Generators.csproj");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Substra.Framework.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Substra.Framework.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}

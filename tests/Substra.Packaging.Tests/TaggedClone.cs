using System.Reflection;
using System.Text.RegularExpressions;
using Substra.Tests.Shared;

namespace Substra.Packaging.Tests;

/// <summary>
/// This repository as a release sees it, once for the whole collection: a clone of the working tree (uncommitted
/// changes included, as one commit), tagged <see cref="Tag"/>, whose origin is the GitHub repository (as in CI), and
/// every project the solution says is packable, packed the way the release workflow packs them into <see cref="Feed"/>.
/// </summary>
public sealed partial class TaggedClone : IAsyncLifetime
{
    public const string Tag = "v0.2.0";

    public const string Version = "0.2.0";

    public const string GitHubRepository = "https://github.com/Substra/Substra.Framework";

    public static readonly TimeSpan Step = TimeSpan.FromMinutes(10);

    public string Root { get; } = Directory.CreateTempSubdirectory("substra-packaging-").FullName;

    public string Clone => Path.Combine(Root, "clone");

    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The commit the tag names.</summary>
    public string Commit { get; private set; } = "";

    /// <summary>The packable projects of the solution (paths relative to the clone, with '/') and their package ids.</summary>
    public IReadOnlyDictionary<string, string> PackableProjects { get; private set; } = new Dictionary<string, string>();

    /// <summary>Runs dotnet with the machine's package folder, like any build of the repository.</summary>
    internal DotNetCli RepositoryCli { get; private set; } = null!;

    public static string RepositoryRoot => typeof(TaggedClone).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public async Task InitializeAsync()
    {
        RepositoryCli = new DotNetCli(LocalFeed.MachinePackagesFolder, Path.Combine(Root, "home"));
        await Git.RunAsync(Root, "clone", "--quiet", "--no-tags", RepositoryRoot, Clone);
        await CopyUncommittedChangesAsync();
        await Git.RunAsync(Clone, "tag", Tag);
        await Git.RunAsync(Clone, "remote", "set-url", "origin", GitHubRepository + ".git");
        Commit = (await Git.RunAsync(Clone, "rev-parse", "HEAD")).Trim();

        PackableProjects = await ListPackableProjectsAsync(RepositoryCli, Clone);
        (await RepositoryCli.RunAsync(Clone, Step,
                ["pack", WriteSolutionFilter(Clone, PackableProjects.Keys), "-c", "Release", "-o", Feed, "-p:ContinuousIntegrationBuild=true", "-nodeReuse:false"]))
            .EnsureSuccess("dotnet pack of the packable projects");
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing may hold a file; the temp folder is cleaned by the OS eventually.
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Asks every project of the solution whether it is packable, from MSBuild's own evaluation (no build): a target
    /// added to each project prints its IsPackable and PackageId.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<string, string>> ListPackableProjectsAsync(DotNetCli cli, string repository)
    {
        string targets = Path.Combine(Path.GetDirectoryName(repository)!, "list-packable.targets");
        File.WriteAllText(targets, """
            <Project>
              <Target Name="SubstraListPackable">
                <Message Importance="high" Text="packable-project|$(IsPackable)|$(PackageId)|$(MSBuildProjectFullPath)" />
              </Target>
            </Project>
            """);
        DotNetCli.Result listed = (await cli.RunAsync(repository, Step,
                ["msbuild", "Substra.Framework.sln", "-t:SubstraListPackable", $"-p:CustomAfterMicrosoftCommonTargets={targets}", "-nodeReuse:false", "-v:m"]))
            .EnsureSuccess("listing the packable projects");

        var projects = PackableLine().Matches(listed.Output)
            .Select(static m => (Packable: m.Groups["packable"].Value, Id: m.Groups["id"].Value, Path: m.Groups["path"].Value.Trim()))
            .DistinctBy(static p => p.Path)
            .ToList();
        Assert.True(projects.Count > 10, $"expected every project of the solution to answer:\n{listed.Output}");
        return projects.Where(static p => p.Packable == "true")
            .ToDictionary(p => Path.GetRelativePath(repository, p.Path).Replace('\\', '/'), static p => p.Id);
    }

    // Packs exactly the packable projects in one command (a solution filter), as `dotnet pack` of the solution would.
    private static string WriteSolutionFilter(string repository, IEnumerable<string> projects)
    {
        string filter = Path.Combine(repository, "packable.slnf");
        string list = string.Join(",", projects.Select(static p => "\"" + p.Replace("/", "\\\\", StringComparison.Ordinal) + "\""));
        File.WriteAllText(filter, $$"""{ "solution": { "path": "Substra.Framework.sln", "projects": [ {{list}} ] } }""");
        return filter;
    }

    // The tests check the working tree, not only its last commit: changed, new and deleted files become one commit.
    private async Task CopyUncommittedChangesAsync()
    {
        string changed = await Git.RunAsync(RepositoryRoot, "ls-files", "-z", "--modified", "--others", "--exclude-standard");
        // NUL-separated, so that any file name comes through; the output reader ends the last one with a newline.
        foreach (string file in changed.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(static f => f.TrimEnd('\r', '\n')).Where(static f => f.Length > 0))
        {
            string source = Path.Combine(RepositoryRoot, file);
            string target = Path.Combine(Clone, file);
            if (File.Exists(source))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target, overwrite: true);
            }
            else
            {
                File.Delete(target);
            }
        }

        await Git.RunAsync(Clone, "add", "--all");
        if ((await Git.RunAsync(Clone, "status", "--porcelain")).Length > 0)
        {
            await Git.CommitAsync(Clone, "The working tree under test");
        }
    }

    [GeneratedRegex(@"^\s*packable-project\|(?<packable>[^|]*)\|(?<id>[^|]*)\|(?<path>.+)$", RegexOptions.Multiline)]
    private static partial Regex PackableLine();
}

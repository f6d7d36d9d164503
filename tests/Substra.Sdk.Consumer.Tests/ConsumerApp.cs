using System.Reflection;
using Substra.Tests.Shared;

namespace Substra.Sdk.Consumer.Tests;

/// <summary>
/// A console app in a temp folder that references projects of this repository (by absolute path), as an application
/// references the packages: built with the real <c>dotnet build</c>, then run.
/// </summary>
internal sealed class ConsumerApp : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);

    // The repository's projects restore like any build here: the machine's package folder and the user's CLI home.
    private static readonly DotNetCli Cli = new(LocalFeed.MachinePackagesFolder, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public ConsumerApp(string program, params string[] referencedProjects)
    {
        Root = Directory.CreateTempSubdirectory("substra-consumer-").FullName;
        File.WriteAllText(Path.Combine(Root, "ConsumerApp.csproj"), ConsoleAppProject.Text(
            referencedProjects.Select(project => $"<ProjectReference Include=\"{Path.Combine(RepositoryRoot, project)}\" />"),
            $"<OutDir>{Path.Combine(Root, "out")}/</OutDir>"));
        File.WriteAllText(Path.Combine(Root, "Program.cs"), program);
    }

    public static string RepositoryRoot => typeof(ConsumerApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public string Root { get; }

    public string OutputDirectory => Path.Combine(Root, "out");

    /// <summary>Every file of the build output, relative to it.</summary>
    public IReadOnlyList<string> OutputFiles => Directory.EnumerateFiles(OutputDirectory, "*", SearchOption.AllDirectories)
        .Select(file => Path.GetRelativePath(OutputDirectory, file)).Order(StringComparer.Ordinal).ToList();

    public long OutputBytes => Directory.EnumerateFiles(OutputDirectory, "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);

    public async Task BuildAsync()
    {
        var (exitCode, output) = await DotnetAsync(Root, "build", "-c", "Release", "-nodeReuse:false");
        Assert.True(exitCode == 0, $"dotnet build of the consumer app failed ({exitCode}):\n{Tail(output)}");
    }

    public async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output) = await DotnetAsync(Root, [Path.Combine(OutputDirectory, "ConsumerApp.dll"), .. arguments]);
        Assert.True(exitCode == 0, $"The consumer app exited with {exitCode}:\n{Tail(output)}");
        return output;
    }

    /// <summary>The real CLI, without the build servers and MSBuild variables of the test host, on the machine's packages.</summary>
    public static async Task<(int ExitCode, string Output)> DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var result = await Cli.RunAsync(workingDirectory, BuildTimeout, arguments);
        return (result.ExitCode, result.Output);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string Tail(string text) => text.Length <= 12_000 ? text : "…" + text[^12_000..];
}

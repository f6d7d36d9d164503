using System.Reflection;
using Substra.Tests.Shared;

namespace Substra.Templates.Tests;

/// <summary>
/// Packs Substra.Tools.Contracts, Substra.Tools, Substra.Sdk, Substra.Sdk.Docker, Substra.Sdk.Hosting and the template pack with one fresh version into a local feed, and installs the
/// pack into a custom hive, once for all tests. Restores see only that feed, with the machine's package folder as a
/// read-only fallback for the third-party packages the repository already restored, so the tests need no network.
/// </summary>
public sealed class TemplatePackFixture : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);

    public string Root { get; } = Directory.CreateTempSubdirectory("substra-templates-").FullName;

    public string Version { get; } = $"0.1.0-templatetest.{DateTime.UtcNow:yyyyMMddHHmmss}";

    public string Feed => Path.Combine(Root, "feed");

    public string Hive => Path.Combine(Root, "hive");

    public string Work => Path.Combine(Root, "work");

    internal DotNetCli Cli { get; private set; } = null!;

    public static string RepositoryRoot => typeof(TemplatePackFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Work);
        Cli = new DotNetCli(Path.Combine(Root, "packages"), Path.Combine(Root, "home"));

        // The packs build inside the repository; they use the machine's cache like any repository build.
        var repoCli = new DotNetCli(LocalFeed.MachinePackagesFolder, Path.Combine(Root, "home"));
        foreach (string project in new[] { "src/Substra.Tools.Contracts", "src/Substra.Tools", "src/Substra.Sdk", "src/Substra.Sdk.Docker", "src/Substra.Sdk.Hosting", "templates/Substra.Templates" })
        {
            (await repoCli.RunAsync(RepositoryRoot, PackTimeout, "pack", project, "-o", Feed, $"-p:PackageVersion={Version}", "-nodeReuse:false"))
                .EnsureSuccess($"dotnet pack {project}");
        }

        LocalFeed.WriteNuGetConfig(Work, Feed);

        (await Cli.RunAsync(Work, PackTimeout, "new", "install", Path.Combine(Feed, $"Substra.Templates.{Version}.nupkg"), "--debug:custom-hive", Hive))
            .EnsureSuccess("dotnet new install");
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
}

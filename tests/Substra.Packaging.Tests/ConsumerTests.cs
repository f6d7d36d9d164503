using Substra.Tests.Shared;

namespace Substra.Packaging.Tests;

/// <summary>
/// A .NET team's first step: a console app that references the released packages from a feed (here a local folder,
/// with a private package folder so that these 0.2.0 packages never reach the machine's cache) restores, builds and runs.
/// </summary>
[Collection(PackagingCollection.Name)]
public sealed class ConsumerTests(TaggedClone clone)
{
    [Fact]
    public async Task A_console_app_restores_the_packages_from_the_feed_builds_and_runs()
    {
        string app = Path.Combine(clone.Root, "consumer", "Contoso.Client");
        Directory.CreateDirectory(app);
        LocalFeed.WriteNuGetConfig(app, clone.Feed);
        File.WriteAllText(Path.Combine(app, "Contoso.Client.csproj"), ConsoleAppProject.Text(
            [$"<PackageReference Include=\"Substra.Sdk\" Version=\"{TaggedClone.Version}\" />"]));
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Reflection;

            Console.WriteLine("client " + typeof(Substra.Sdk.SubstraClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion);
            """);
        var cli = new DotNetCli(Path.Combine(clone.Root, "consumer", "packages"), Path.Combine(clone.Root, "consumer", "home"));

        (await cli.RunAsync(app, TaggedClone.Step, "restore")).EnsureSuccess("dotnet restore");
        (await cli.RunAsync(app, TaggedClone.Step, "build", "--no-restore", "-nodeReuse:false")).EnsureSuccess("dotnet build");
        DotNetCli.Result run = (await cli.RunAsync(app, TaggedClone.Step, "run", "--no-build")).EnsureSuccess("dotnet run");

        Assert.Contains($"client {TaggedClone.Version}+{clone.Commit}", run.Output);
        // Restored from the feed into the private folder, not from anywhere else.
        Assert.True(Directory.Exists(Path.Combine(clone.Root, "consumer", "packages", "substra.sdk", TaggedClone.Version)));
        Assert.True(Directory.Exists(Path.Combine(clone.Root, "consumer", "packages", "substra.tools.contracts", TaggedClone.Version)));
        // The client takes the contracts, not the in-task runtime (and its DI and logging implementations).
        Assert.False(Directory.Exists(Path.Combine(clone.Root, "consumer", "packages", "substra.tools")));
    }
}

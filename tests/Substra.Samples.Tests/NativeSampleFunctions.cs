using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Substra.Build.Tests.Infrastructure;
using Substra.Samples.FedAvg;
using Substra.Samples.FedAvg.Model;

namespace Substra.Samples.Tests;

/// <summary>
/// The sample's function project built once with NativeAOT (its sources, its references, PublishAot in the project file
/// as a user writes it), in a temporary folder, shared by every native test: a NativeAOT publish takes about a minute.
/// </summary>
public sealed partial class NativeSampleFunctions : IAsyncLifetime
{
    private const string ProjectName = "Substra.Samples.FedAvg.Functions";

    public string Root { get; } = Directory.CreateTempSubdirectory("substra-native-sample-").FullName;

    internal ProcessResult Build { get; private set; } = null!;

    /// <summary>The build's <c>substra/</c> folder: native function archives (the opener comes from the regular build).</summary>
    public string ArtifactsFolder => Path.Combine(Root, ProjectName, "bin", "Release", "net10.0", "substra");

    public string FunctionsFolder => Path.Combine(ArtifactsFolder, "functions");

    /// <summary>The plan run with the framework-dependent archives that `dotnet build` wrote for the sample, once.</summary>
    public Lazy<Task<PerformanceReport>> FrameworkDependentReport { get; }

    public NativeSampleFunctions()
    {
        FrameworkDependentReport = new(() => RunPlanAsync(null, "subprocess"));
    }

    public async Task InitializeAsync()
    {
        var repository = RepositoryLayout.Root;
        var sample = Path.Combine(repository, "samples", ProjectName);
        var project = Path.Combine(Root, ProjectName);
        Directory.CreateDirectory(project);
        // The repository's settings (warnings as errors, central package versions), as the sample has them.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), $"<Project><Import Project=\"{Path.Combine(repository, "Directory.Build.props")}\" /></Project>\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), $"<Project><Import Project=\"{Path.Combine(repository, "Directory.Packages.props")}\" /></Project>\n");

        // The sample's own project file, with PublishAot, its references made absolute and its sources linked.
        var projectXml = File.ReadAllText(Path.Combine(sample, ProjectName + ".csproj"));
        projectXml = ProjectReference().Replace(projectXml, match => $"Include=\"{Path.GetFullPath(Path.Combine(sample, match.Groups[1].Value.Replace('\\', '/')))}\"");
        projectXml = projectXml.Replace("<OutputType>Exe</OutputType>", "<OutputType>Exe</OutputType>\n    <PublishAot>true</PublishAot>", StringComparison.Ordinal);
        projectXml = projectXml.Replace("</Project>", $"""
              <ItemGroup>
                <Compile Include="{sample}/*.cs" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(project, ProjectName + ".csproj"), projectXml);

        Build = await DotNetCli.RunAsync(project, null, "build", "-c", "Release", "-nodeReuse:false");
    }

    /// <summary>The sample's plan, 2 rounds, on <paramref name="backend"/> (a BackendType setting) with the function archives of <paramref name="artifactsFolder"/> (null: the sample's own).</summary>
    public async Task<PerformanceReport> RunPlanAsync(string? artifactsFolder, string backend)
    {
        var work = Directory.CreateTempSubdirectory("substra-native-plan-").FullName;
        try
        {
            var options = new FedAvgRunOptions { WorkDirectory = work, Rounds = 2, FunctionsArtifactsFolder = artifactsFolder };
            var settings = Enumerable.Range(1, FedAvgSettings.Organisations)
                .Select(i => new KeyValuePair<string, string?>($"{FedAvgClients.ConfigurationSection}:org-{i}:BackendType", backend));
            using var host = FedAvgHost.Build(options, settings);
            await host.StartAsync();
            var result = await FedAvgExperiment.RunAsync(
                host.Services.GetRequiredService<ISubstraClientFactory>(), options, FedAvgPlanTests.PlainConsole(new StringWriter()), CancellationToken.None);
            await host.StopAsync();
            return result.Report;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    [GeneratedRegex("Include=\"(\\.\\.[^\"]+)\"")]
    private static partial Regex ProjectReference();
}

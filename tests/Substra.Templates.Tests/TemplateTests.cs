namespace Substra.Templates.Tests;

public sealed class TemplateTests(TemplatePackFixture pack) : IClassFixture<TemplatePackFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task The_pack_lists_both_templates_with_the_packed_version()
    {
        DotNetCli.Result list = (await pack.Cli.RunAsync(pack.Work, Step, "new", "list", "substra", "--debug:custom-hive", pack.Hive)).EnsureSuccess("dotnet new list");

        Assert.Contains("substra-functions", list.Output);
        Assert.Contains("substra-fedavg", list.Output);
    }

    [Fact]
    public async Task Substra_functions_builds_tests_and_runs_its_plan_locally()
    {
        string output = await InstantiateAsync("substra-functions", "Acme.Scores");

        string functionsProject = File.ReadAllText(Path.Combine(output, "Acme.Scores.Functions", "Acme.Scores.Functions.csproj"));
        Assert.Contains($"Include=\"Substra.Tools\" Version=\"{pack.Version}\"", functionsProject);

        (await pack.Cli.RunAsync(output, Step, "build", "Acme.Scores.slnx", "-nodeReuse:false")).EnsureSuccess("dotnet build");
        Assert.True(File.Exists(Path.Combine(output, "Acme.Scores.Functions", "bin", "Debug", "net10.0", "substra", "functions", "train.zip")));
        Assert.True(File.Exists(Path.Combine(output, "Acme.Scores.Data", "bin", "Debug", "net10.0", "substra", "openers", "measurements.opener")));

        DotNetCli.Result test = (await pack.Cli.RunAsync(output, Step, "test", "Acme.Scores.slnx", "--no-build")).EnsureSuccess("dotnet test");
        Assert.Contains("Passed!", test.Output);

        DotNetCli.Result run = (await pack.Cli.RunAsync(output, Step, "run", "--project", "Acme.Scores.Plan", "--no-build"))
            .EnsureSuccess("the plan runner");
        Assert.Contains("mean absolute error", run.Output);
    }

    [Fact]
    public async Task Substra_fedavg_builds_tests_and_runs_federated_averaging_locally()
    {
        string output = await InstantiateAsync("substra-fedavg", "Acme.Federated");

        Assert.True(File.Exists(Path.Combine(output, "Acme.Federated.Functions", "FedAvgFunctions.cs")));
        Assert.Contains("namespace Acme.Federated.Functions;", File.ReadAllText(Path.Combine(output, "Acme.Federated.Functions", "FedAvgFunctions.cs")));

        (await pack.Cli.RunAsync(output, Step, "build", "Acme.Federated.slnx", "-nodeReuse:false")).EnsureSuccess("dotnet build");
        DotNetCli.Result test = (await pack.Cli.RunAsync(output, Step, "test", "Acme.Federated.slnx", "--no-build")).EnsureSuccess("dotnet test");
        Assert.Contains("Passed!", test.Output);

        DotNetCli.Result run = (await pack.Cli.RunAsync(output, Step, "run", "--project", "Acme.Federated", "--no-build", "--", "--rounds", "2"))
            .EnsureSuccess("the FedAvg runner");
        Assert.Contains("round", run.Output);
        Assert.True(File.Exists(Path.Combine(output, "artifacts", "fedavg", "performances.csv")), run.Output);
        Assert.True(File.Exists(Path.Combine(output, "artifacts", "fedavg", "performances.svg")), run.Output);
    }

    [Fact]
    public async Task Substra_functions_builds_native_archives_with_PublishAot_and_no_trim_or_AOT_warning()
    {
        string output = await InstantiateAsync("substra-functions", "Acme.Native");
        string projectPath = Path.Combine(output, "Acme.Native.Functions", "Acme.Native.Functions.csproj");
        // What docs/packaging.md tells users to write.
        File.WriteAllText(projectPath, File.ReadAllText(projectPath).Replace(
            "<OutputType>Exe</OutputType>", "<OutputType>Exe</OutputType>\n    <PublishAot>true</PublishAot>", StringComparison.Ordinal));

        DotNetCli.Result build = (await pack.Cli.RunAsync(output, Step, "build", projectPath, "-c", "Release", "-nodeReuse:false"))
            .EnsureSuccess("dotnet build with PublishAot");

        Assert.Contains("(NativeAot)", build.Output);
        Assert.DoesNotMatch(@"\bIL[23]\d{3}\b", build.Output);
        string archive = Path.Combine(output, "Acme.Native.Functions", "bin", "Release", "net10.0", "substra", "functions", "train.zip");
        using var zip = System.IO.Compression.ZipFile.OpenRead(archive);
        Assert.Equal([".dockerignore", "Acme.Native.Functions", "Dockerfile"], zip.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal));
    }

    private async Task<string> InstantiateAsync(string template, string name)
    {
        string output = Path.Combine(pack.Work, name);
        (await pack.Cli.RunAsync(pack.Work, Step, "new", template, "-n", name, "-o", output, "--skipRestore", "--debug:custom-hive", pack.Hive))
            .EnsureSuccess($"dotnet new {template}");
        Assert.False(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Any(f => f.Contains("SubstraApp", StringComparison.Ordinal) || f.Contains("Substra.Samples", StringComparison.Ordinal)),
            "every file name must be renamed by the template's sourceName");
        return output;
    }
}

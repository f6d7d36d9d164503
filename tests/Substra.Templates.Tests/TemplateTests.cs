using System.Text.Json.Nodes;
using Substra.Sdk.Remote.Tests.Platform;
using Substra.Tests.Shared;

namespace Substra.Templates.Tests;

/// <summary>
/// Both templates, as a user gets them: packed, installed, instantiated under names with dashes and dots, built,
/// tested and run (on the local backend, and against a loopback fake platform when configured for one).
/// </summary>
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
    public async Task Substra_functions_in_a_dashed_folder_builds_tests_and_runs_locally_on_a_platform_and_in_hybrid_mode()
    {
        // No -n: the name is the folder's, as when a user runs `dotnet new substra-functions` in ./my-fl.
        string output = Path.Combine(pack.Work, "my-fl");
        Directory.CreateDirectory(output);
        (await pack.Cli.RunAsync(output, Step, "new", "substra-functions", "--skipRestore", "--debug:custom-hive", pack.Hive)).EnsureSuccess("dotnet new substra-functions");
        AssertRenamed(output);
        Assert.True(File.Exists(Path.Combine(output, "my-fl.Plan", "my-fl.Plan.csproj")));
        Assert.Contains("namespace my_fl.Functions;", File.ReadAllText(Path.Combine(output, "my-fl.Functions", "MeanFunctions.cs")));

        await BuildTestAndRunFunctionsAsync(output, "my-fl.slnx", "my-fl");

        // The same runner on a platform: configured from the environment only, as the walkthrough says.
        await using FakePlatform platform = await FakePlatform.StartAsync();
        platform.StaticTokens["template-token"] = true;
        platform.RequireToken = true;
        platform.Store.Organizations = JsonNode.Parse("""[{"id":"MyOrg1MSP","is_current":true,"creation_date":"2026-01-01T00:00:00Z"}]""")!.AsArray();
        string remoteWork = Path.Combine(output, "remote-work");
        Task<DotNetCli.Result> remote = pack.Cli.RunAsync(
            output, Step,
            [new("SUBSTRA_ORG_1_BACKEND_TYPE", "remote"), new("SUBSTRA_ORG_1_URL", platform.BaseUrl), new("SUBSTRA_ORG_1_TOKEN", "template-token")],
            "run", "--project", "my-fl.Plan", "--no-build", "--", remoteWork);
        string planKey = await CompletePlanWhenSubmittedAsync(platform, remote);
        DotNetCli.Result run = (await remote).EnsureSuccess("the plan runner on the fake platform");

        Assert.Contains("(Remote backend)", run.Output);
        Assert.Contains("performance on MyOrg1MSP: mean absolute error 0.2500", run.Output);
        Assert.Single(platform.RequestsTo("GET", "/organization/"));
        Assert.Single(platform.RequestsTo("POST", "/data_manager/"));
        Assert.Equal(2, platform.RequestsTo("POST", "/data_sample/").Count);
        Assert.Equal(2, platform.RequestsTo("POST", "/function/").Count);
        Assert.Equal(planKey, (string?)Assert.Single(platform.RequestsTo("POST", "/compute_plan/")).BodyJson?["key"]);
        Assert.Equal(2, Assert.Single(platform.RequestsTo("POST", "/task/bulk_create/")).BodyJson?["tasks"]?.AsArray().Count);
        Assert.All(platform.Requests, r => Assert.Equal("Token template-token", r.Header("Authorization")));
        Assert.False(Directory.Exists(Path.Combine(remoteWork, "local-worker")), "a remote client opens no local workspace");

        // A URL without a backend type is hybrid mode: it runs locally and says so, on the console.
        DotNetCli.Result hybrid = (await pack.Cli.RunAsync(
                output, Step, [new("SUBSTRA_ORG_1_URL", platform.BaseUrl), new("SUBSTRA_ORG_1_TOKEN", "template-token")],
                "run", "--project", "my-fl.Plan", "--no-build", "--", Path.Combine(output, "hybrid-work")))
            .EnsureSuccess("the plan runner in hybrid mode");
        Assert.Contains("Hybrid mode: assets not found locally are read from the remote platform.", hybrid.Output);
        Assert.Contains("(LocalSubprocess backend)", hybrid.Output);
        Assert.Contains("mean absolute error", hybrid.Output);
    }

    [Fact]
    public async Task Substra_functions_with_a_dotted_name_builds_tests_and_runs_locally()
    {
        string output = await InstantiateAsync("substra-functions", "Acme.Scores");

        string functionsProject = File.ReadAllText(Path.Combine(output, "Acme.Scores.Functions", "Acme.Scores.Functions.csproj"));
        Assert.Contains($"Include=\"Substra.Tools\" Version=\"{pack.Version}\"", functionsProject);

        await BuildTestAndRunFunctionsAsync(output, "Acme.Scores.slnx", "Acme.Scores");
    }

    [Theory]
    [InlineData("acme-fl", "acme_fl")]
    [InlineData("Acme.Fl", "Acme.Fl")]
    public async Task Substra_fedavg_builds_tests_and_runs_federated_averaging_locally(string name, string rootNamespace)
    {
        string output = await InstantiateAsync("substra-fedavg", name);

        Assert.Contains($"namespace {rootNamespace}.Functions;", File.ReadAllText(Path.Combine(output, $"{name}.Functions", "FedAvgFunctions.cs")));
        string runner = File.ReadAllText(Path.Combine(output, name, $"{name}.csproj"));
        Assert.DoesNotContain("SubstraArtifacts.targets", runner);
        Assert.DoesNotContain("SubstraPackage", runner);
        Assert.False(File.Exists(Path.Combine(output, name, "BuildArtifacts.cs")));

        (await pack.Cli.RunAsync(output, Step, "build", $"{name}.slnx", "-nodeReuse:false")).EnsureSuccess("dotnet build");
        DotNetCli.Result test = (await pack.Cli.RunAsync(output, Step, "test", $"{name}.slnx", "--no-build")).EnsureSuccess("dotnet test");
        Assert.Contains("Passed!", test.Output);

        DotNetCli.Result run = (await pack.Cli.RunAsync(output, Step, "run", "--project", name, "--no-build", "--", "--rounds", "2"))
            .EnsureSuccess("the FedAvg runner");
        Assert.Contains("org-1 alone", run.Output);
        Assert.Contains("FedAvg round 2", run.Output);
        Assert.Contains("centralised (pooled data)", run.Output);
        string csv = Path.Combine(output, "artifacts", "fedavg", "performances.csv");
        Assert.True(File.Exists(csv), run.Output);
        Assert.Equal(((3 + 2 + 1) * 4) + 1, File.ReadAllLines(csv).Length);
        Assert.True(File.Exists(Path.Combine(output, "artifacts", "fedavg", "performances.svg")), run.Output);
    }

    private async Task BuildTestAndRunFunctionsAsync(string output, string solution, string name)
    {
        (await pack.Cli.RunAsync(output, Step, "build", solution, "-nodeReuse:false")).EnsureSuccess("dotnet build");
        Assert.True(File.Exists(Path.Combine(output, $"{name}.Functions", "bin", "Debug", "net10.0", "substra", "functions", "train.zip")));
        Assert.True(File.Exists(Path.Combine(output, $"{name}.Data", "bin", "Debug", "net10.0", "substra", "openers", "measurements.opener")));
        Assert.False(File.Exists(Path.Combine(output, $"{name}.Plan", "SubstraArtifacts.targets")));

        DotNetCli.Result test = (await pack.Cli.RunAsync(output, Step, "test", solution, "--no-build")).EnsureSuccess("dotnet test");
        Assert.Contains("Passed!", test.Output);

        DotNetCli.Result run = (await pack.Cli.RunAsync(output, Step, "run", "--project", $"{name}.Plan", "--no-build"))
            .EnsureSuccess("the plan runner");
        Assert.Contains("(LocalSubprocess backend)", run.Output);
        Assert.Contains("mean absolute error", run.Output);
    }

    // The fake platform runs nothing: once the runner has submitted its tasks, the test finishes the plan and gives it
    // the performance the evaluation would have reported, so that the runner's wait and report run as on a platform.
    private static async Task<string> CompletePlanWhenSubmittedAsync(FakePlatform platform, Task<DotNetCli.Result> runner)
    {
        while (platform.RequestsTo("POST", "/task/bulk_create/").Count == 0)
        {
            if (runner.IsCompleted)
            {
                Assert.Fail($"The runner stopped before submitting its tasks:\n{(await runner).Output}");
            }

            await Task.Delay(100);
        }

        JsonObject tasks = platform.RequestsTo("POST", "/task/bulk_create/")[0].BodyJson!.AsObject();
        string planKey = (string)tasks["tasks"]![0]!["compute_plan_key"]!;
        string evaluation = (string)tasks["tasks"]![1]!["key"]!;
        platform.Store.Performances[planKey] = JsonNode.Parse(
            $$"""[{"compute_task":{"key":"{{evaluation}}","rank":1,"round_idx":"1","worker":"MyOrg1MSP"},"identifier":"performance","perf":0.25}]""")!.AsArray();
        JsonObject plan = platform.Store.Get("compute_plan", planKey)!;
        plan["task_count"] = 2;
        plan["done_count"] = 2;
        plan["status"] = "PLAN_STATUS_DONE";
        return planKey;
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
        AssertRenamed(output);
        return output;
    }

    private static void AssertRenamed(string output)
    {
        Assert.False(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Any(f => f.Contains("SubstraApp", StringComparison.Ordinal) || f.Contains("Substra.Samples", StringComparison.Ordinal)),
            "every file name must be renamed by the template's sourceName");
        Assert.DoesNotContain(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("SUBSTRA_EXACT_NAME", StringComparison.Ordinal));
    }
}

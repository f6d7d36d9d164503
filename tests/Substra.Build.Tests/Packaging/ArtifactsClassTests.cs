using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Packaging;

/// <summary>
/// A project that references Substra.Sdk and function or data-provider projects knows their artifacts from the build:
/// the generated SubstraArtifacts class, with no plumbing of its own.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class ArtifactsClassTests
{
    private static readonly string SdkProject = Path.Combine(RepositoryLayout.Root, "src", "Substra.Sdk", "Substra.Sdk.csproj");

    [Fact]
    public async Task A_runner_gets_the_functions_and_openers_of_the_projects_it_references()
    {
        using var functions = TestProject.Create("Demo.Functions", "Exe");
        functions.WriteFile("Functions.cs", ProjectSources.Functions());
        using var data = TestProject.Create("Demo.Data", "Library");
        data.WriteFile("MnistOpener.cs", ProjectSources.Opener);
        // A dashed project name: the class goes to the namespace dotnet new would give it.
        using var runner = TestProject.Create("my-fl.Runner", "Exe");
        runner.ExtraProjectXml = References(SdkProject, Path.Combine(functions.Directory, "Demo.Functions.csproj"), Path.Combine(data.Directory, "Demo.Data.csproj"));
        runner.WriteFile("Program.cs", """
            using my_fl.Runner;

            Console.WriteLine(SubstraArtifacts.Functions.Train.Archive);
            Console.WriteLine(SubstraArtifacts.Function("predict").Schema);
            Console.WriteLine(SubstraArtifacts.Openers.Mnist.Opener);
            Console.WriteLine(SubstraArtifacts.Opener("mnist").Project);
            Console.WriteLine(string.Join(",", SubstraArtifacts.All.Functions.Select(f => f.Name)));
            try
            {
                SubstraArtifacts.Function("missing");
            }
            catch (KeyNotFoundException error)
            {
                Console.WriteLine(error.Message);
            }
            """);

        await runner.BuildSuccessfullyAsync();
        ProcessResult run = await DotNetCli.RunAsync(runner.Directory, null, "run", "--no-build");

        Assert.True(run.Succeeded, run.ToString());
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(Path.Combine(functions.FunctionsDirectory, "train.zip"), lines[0]);
        Assert.Equal(Path.Combine(functions.FunctionsDirectory, "predict.json"), lines[1]);
        Assert.Equal(Path.Combine(data.OpenersDirectory, "mnist.opener"), lines[2]);
        Assert.Equal("Demo.Data", lines[3]);
        Assert.Equal("predict,train", lines[4]);
        Assert.StartsWith("No referenced project built a function named 'missing' (built: 'predict' from Demo.Functions, 'train' from Demo.Functions)", lines[5], StringComparison.Ordinal);
        Assert.All(lines[..3], path => Assert.True(File.Exists(path), path));
        // The runner declares no function: it packages nothing of its own.
        Assert.False(Directory.Exists(Path.Combine(runner.OutputDirectory, "substra")));
    }

    [Fact]
    public async Task Two_referenced_projects_with_a_function_of_the_same_name_are_SUBB012()
    {
        using var first = TestProject.Create("Demo.First", "Exe");
        first.WriteFile("Functions.cs", ProjectSources.Functions());
        using var second = TestProject.Create("Demo.Second", "Exe");
        second.WriteFile("Functions.cs", ProjectSources.Functions().Replace("namespace Demo;", "namespace Demo.Second;", StringComparison.Ordinal));
        using var runner = TestProject.Create("Demo.Runner", "Exe");
        runner.ExtraProjectXml = References(SdkProject, Path.Combine(first.Directory, "Demo.First.csproj"), Path.Combine(second.Directory, "Demo.Second.csproj"));
        runner.WriteFile("Program.cs", "System.Console.WriteLine();");

        ProcessResult result = await runner.BuildAsync();

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains("error SUBB012:", result.Output, StringComparison.Ordinal);
        Assert.Contains("Several referenced projects build a function named 'predict': Demo.First (", result.Output, StringComparison.Ordinal);
        Assert.Contains("), Demo.Second (", result.Output, StringComparison.Ordinal);
    }

    private static string References(params string[] projects)
        => "  <ItemGroup>\n" + string.Concat(projects.Select(p => $"    <ProjectReference Include=\"{System.Security.SecurityElement.Escape(p)}\" />\n")) + "  </ItemGroup>";
}

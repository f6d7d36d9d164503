using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Functions;

/// <summary>Each bad configuration fails the build with its code and a message that says how to fix it.</summary>
[Collection(BuildCollection.Name)]
public sealed class BuildErrorTests
{
    [Fact]
    public async Task Functions_in_a_library_are_SUBB001()
    {
        using var project = TestProject.Create("Demo.Library", "Library");
        project.WriteFile("Functions.cs", ProjectSources.Functions());

        var result = await project.BuildAsync();

        AssertError(result, "SUBB001", "Set <OutputType>Exe</OutputType>");
        Assert.Contains("(predict, train)", result.Output, StringComparison.Ordinal);
    }

    // The grammar itself is covered by DockerImageReferenceTests; this checks the build reports it.
    [Fact]
    public async Task Invalid_base_image_is_SUBB002()
    {
        using var project = TestProject.Create("Demo.Image", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        project.SetProperty("SubstraBaseImage", "Mcr.Microsoft.com/dotnet/Runtime:10.0");

        var result = await project.BuildAsync();

        AssertError(result, "SUBB002", "SubstraBaseImage 'Mcr.Microsoft.com/dotnet/Runtime:10.0' is not a valid Docker image reference: the repository name must be lowercase");
        Assert.Contains("Set it to an image such as mcr.microsoft.com/dotnet/runtime:10.0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubstraNativeAot_without_PublishAot_is_SUBB016()
    {
        using var project = TestProject.Create("Demo.NativeSwitch", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        project.SetProperty("SubstraNativeAot", "true");

        var result = await project.BuildAsync();

        AssertError(result, "SUBB016", "Add <PublishAot>true</PublishAot> to the project file");
    }

    [Fact]
    public async Task Native_archives_without_clang_are_SUBB014_saying_what_to_install()
    {
        using var project = TestProject.Create("Demo.NoClang", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        project.SetProperty("PublishAot", "true");
        // A PATH with dotnet, a shell (MSBuild's Exec runs commands through it) and git (versions come from git tags):
        // no clang, no gcc.
        var bin = Path.Combine(project.Directory, "path-without-clang");
        Directory.CreateDirectory(bin);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? Path.Combine(Path.GetDirectoryName(Environment.ProcessPath)!, "dotnet");
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), dotnet);
        File.CreateSymbolicLink(Path.Combine(bin, "sh"), "/bin/sh");
        File.CreateSymbolicLink(Path.Combine(bin, "git"), "/usr/bin/git");
        project.Environment = new Dictionary<string, string> { ["PATH"] = bin };

        var result = await project.BuildAsync();

        AssertError(result, "SUBB014", "apt-get install -y clang zlib1g-dev");
        Assert.DoesNotContain("NativeAot) for its function archives", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_template_file_is_SUBB003()
    {
        using var project = TestProject.Create("Demo.Missing", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        project.SetProperty("SubstraDockerfileTemplate", "templates/NoSuch.scriban");

        var result = await project.BuildAsync();

        AssertError(result, "SUBB003", "NoSuch.scriban' set in SubstraDockerfileTemplate does not exist");
    }

    [Fact]
    public async Task Template_that_does_not_parse_is_SUBB004_with_the_scriban_error()
    {
        using var project = TestProject.Create("Demo.BadTemplate", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        project.WriteFile("Description.scriban", "{{ if description }}{{ description }}\n");
        project.SetProperty("SubstraDescriptionTemplate", "Description.scriban");

        var result = await project.BuildAsync();

        AssertError(result, "SUBB004", "is not a valid Scriban template");
        // Scriban's own message, with the position of the problem.
        Assert.Matches(@"Description\.scriban\(\d+,\d+\)", result.Output);
    }

    [Fact]
    public async Task Template_using_an_unknown_variable_is_SUBB005()
    {
        using var project = TestProject.Create("Demo.Render", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        project.WriteFile("Dockerfile.scriban", "FROM {{ base_imag }}\n");
        project.SetProperty("SubstraDockerfileTemplate", "Dockerfile.scriban");

        var result = await project.BuildAsync();

        AssertError(result, "SUBB005", "Available variables: base_image, entrypoint");
    }

    private static void AssertError(ProcessResult result, string code, string text)
    {
        Assert.False(result.Succeeded, result.ToString());
        Assert.True(result.Output.Contains($"error {code}:", StringComparison.Ordinal), result.Output);
        Assert.Contains(text, result.Output, StringComparison.Ordinal);
    }
}

using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Functions;

[Collection(BuildCollection.Name)]
public sealed class TemplateOverrideTests
{
    [Fact]
    public async Task User_templates_replace_the_dockerfile_and_the_description()
    {
        using var project = TestProject.Create("Demo.Templates", "Exe");
        project.WriteFile("Functions.cs", ProjectSources.Functions());
        project.WriteFile("substra/Dockerfile.scriban", """
            FROM {{ base_image }}
            RUN apt-get update && apt-get install -y libgomp1
            WORKDIR /app
            COPY . /app/
            ENTRYPOINT {{ entrypoint }}
            """);
        project.WriteFile("substra/Description.scriban", "# {{ name }} ({{ kind }})\n\n{{ description ?? 'Undocumented.' }}\n");
        project.SetProperty("SubstraDockerfileTemplate", "substra/Dockerfile.scriban");
        project.SetProperty("SubstraDescriptionTemplate", "substra/Description.scriban");

        await project.BuildSuccessfullyAsync();

        var dockerfile = ZipContents.ReadText(Path.Combine(project.FunctionsDirectory, "train.zip"), "Dockerfile");
        Assert.Equal(
            "FROM mcr.microsoft.com/dotnet/runtime:10.0\nRUN apt-get update && apt-get install -y libgomp1\nWORKDIR /app\nCOPY . /app/\nENTRYPOINT [\"dotnet\", \"Demo.Templates.dll\", \"--function-name\", \"train\"]",
            dockerfile);
        Assert.Equal($"# train (function)\n\n{ProjectSources.TrainDescription}\n", File.ReadAllText(Path.Combine(project.FunctionsDirectory, "train.md")));
        Assert.Equal("# predict (function)\n\nUndocumented.\n", File.ReadAllText(Path.Combine(project.FunctionsDirectory, "predict.md")));

        // Editing the template alone is enough to repackage.
        var before = FileSnapshot.Take(project.FunctionsDirectory);
        project.WriteFile("substra/Description.scriban", "{{ name }}: {{ description ?? 'undocumented' }}\n");
        await project.BuildSuccessfullyAsync();
        Assert.Equal(["predict.md", "train.md"], FileSnapshot.Take(project.FunctionsDirectory).ChangedSince(before));
    }
}

using Substra.Build.Tests.Infrastructure;

namespace Substra.Build.Tests.Functions;

/// <summary>
/// A function that reads Python openers gets a Dockerfile that provides Python, numpy and pandas next to the .NET runtime;
/// the project's other functions keep theirs.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class PythonOpenerArchiveTests
{
    private const string Sources = """
        using Substra.Tools;

        namespace Demo;

        public sealed record Rows(IReadOnlyList<string> Lines);

        public static partial class DemoFunctions
        {
            [SubstraFunction("fit")]
            public static void Fit([DataSamples(PythonOpener = true)] (double[,] X, double[] y) data, [ModelOutput("model")] string model)
                => File.WriteAllText(model, data.y.Length.ToString());

            [SubstraFunction("train")]
            public static void Train([DataSamples] Rows rows, [ModelOutput("model")] string model) => File.WriteAllText(model, "");
        }
        """;

    private const string InstallLine =
        "RUN python3 -c \"import numpy, pandas\" 2>/dev/null || { apt-get update && apt-get install -y --no-install-recommends python3 python3-numpy python3-pandas && rm -rf /var/lib/apt/lists/*; } "
        + "|| { echo \"Installing python3-numpy and python3-pandas failed: build FROM an image that has Python 3 with numpy and pandas (SubstraPythonBaseImage).\" >&2; exit 1; }";

    [Fact]
    public async Task The_archive_of_a_python_reading_function_installs_python_numpy_and_pandas_unless_its_base_image_has_them()
    {
        using var project = TestProject.Create("Demo.Python", "Exe");
        project.WriteFile("Functions.cs", Sources);

        await project.BuildSuccessfullyAsync();
        var fit = Dockerfile(project, "fit");
        var train = Dockerfile(project, "train");
        await project.BuildSuccessfullyAsync("-p:SubstraPythonBaseImage=substra-dotnet-python:10.0");
        var fitOnPythonImage = Dockerfile(project, "fit");
        var trainAfter = Dockerfile(project, "train");

        Assert.Equal(
            [
                "FROM mcr.microsoft.com/dotnet/runtime:10.0",
                "# The function reads Python openers: they run in the image's Python 3 with numpy and pandas, installed here unless the base image has them.",
                InstallLine,
                "WORKDIR /app",
                "COPY . /app/",
                """ENTRYPOINT ["dotnet", "Demo.Python.dll", "--function-name", "fit"]""",
            ],
            fit);
        Assert.Equal(["FROM mcr.microsoft.com/dotnet/runtime:10.0", "WORKDIR /app", "COPY . /app/", """ENTRYPOINT ["dotnet", "Demo.Python.dll", "--function-name", "train"]"""], train);
        Assert.Equal(["FROM substra-dotnet-python:10.0", .. fit[1..]], fitOnPythonImage);
        Assert.Equal(train, trainAfter);
    }

    [Fact]
    public async Task An_invalid_python_base_image_is_SUBB002()
    {
        using var project = TestProject.Create("Demo.PythonImage", "Exe");
        project.WriteFile("Functions.cs", Sources);
        project.SetProperty("SubstraPythonBaseImage", "Substra/Dotnet-Python");

        var result = await project.BuildAsync();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SUBB002", result.Output, StringComparison.Ordinal);
        Assert.Contains("SubstraPythonBaseImage 'Substra/Dotnet-Python' is not a valid Docker image reference", result.Output, StringComparison.Ordinal);
    }

    private static string[] Dockerfile(TestProject project, string function)
        => ZipContents.ReadText(Path.Combine(project.FunctionsDirectory, function + ".zip"), "Dockerfile").TrimEnd('\n').Split('\n');
}

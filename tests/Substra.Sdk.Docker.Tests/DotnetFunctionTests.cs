using System.Reflection;
using System.Text.Json;
using Substra.Sdk.Docker;
using Substra.Sdk.Local.Compute;

namespace Substra.Sdk.Docker.Tests;

/// <summary>A .NET function app (Substra.Tools runtime) packaged with a Dockerfile FROM the offline .NET base image.</summary>
[Collection(DockerCollection.Name)]
public sealed class DotnetFunctionTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(5);
    private readonly TaskWorkspace _task = new();
    private readonly string _archives = Path.Combine(Path.GetTempPath(), "substra-docker-tests", "archives");

    private static string FunctionsDll => typeof(DotnetFunctionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "FixtureFunctionsPath").Value!;

    [Fact]
    public async Task Dotnet_function_copies_its_model_input_on_the_dotnet_runtime_image()
    {
        _task.AddModelInput("model", "weights 1 2 3");
        var output = _task.AddOutput("model");
        await using var spawner = new DockerSpawner();

        await spawner.SpawnAsync(_task.Request(Archive("copy")), new CancellationTokenSource(Guard).Token);

        Assert.Equal("weights 1 2 3", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task Dotnet_function_writes_a_performance_file()
    {
        _task.AddModelInput("model", "0.875");
        var output = _task.AddOutput("performance");
        await using var spawner = new DockerSpawner();

        await spawner.SpawnAsync(_task.Request(Archive("score")), new CancellationTokenSource(Guard).Token);

        using var performance = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal(0.875, performance.RootElement.GetProperty("all").GetDouble());
    }

    [Fact]
    public async Task Failing_dotnet_function_fails_the_task_with_its_exit_code()
    {
        await using var spawner = new DockerSpawner();
        var archive = Archive("fail");

        var error = await Assert.ThrowsAsync<ExecutionException>(
            () => spawner.SpawnAsync(_task.Request(archive), new CancellationTokenSource(Guard).Token));

        Assert.Equal($"Container '{DockerSpawner.ImageTag(archive.Checksum)}' exited with status code '{error.ExitCode}'", error.Message);
        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains("boom", _task.Logs.Text);
    }

    private FunctionArchive Archive(string functionName)
    {
        var appDirectory = Path.GetDirectoryName(FunctionsDll)!;
        var files = new Dictionary<string, string>
        {
            ["Dockerfile"] =
                $"FROM {DockerEngineFixture.DotnetRuntimeImage}\n" +
                "WORKDIR /app\n" +
                "COPY app/ .\n" +
                $"ENTRYPOINT [\"dotnet\", \"{Path.GetFileName(FunctionsDll)}\", \"--function-name\", \"{functionName}\"]\n",
        };
        var binaries = Directory.EnumerateFiles(appDirectory, "*", SearchOption.AllDirectories)
            .Where(file => !file.EndsWith(".pdb", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(file => "app/" + Path.GetRelativePath(appDirectory, file).Replace('\\', '/'), File.ReadAllBytes);
        return FunctionArchive.Create(_archives, files, binaries);
    }

    public void Dispose() => _task.Dispose();
}

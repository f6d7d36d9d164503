using System.Text.Json;
using Substra.Sdk.Docker;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Tests.Infrastructure;

namespace Substra.Sdk.Docker.Tests;

/// <summary>
/// C# functions on Python openers in containers, with <c>--fake-data</c> as the worker passes it in hybrid mode: the image
/// is the .NET runtime with Python, numpy and pandas, and its Dockerfile is the one dotnet build writes for such functions.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class PythonOpenerFakeDataTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(5);
    private readonly TaskWorkspace _task = new();

    [Fact]
    public async Task Fake_data_of_a_pandas_opener_reaches_a_DataFrame_function_in_a_container()
    {
        _task.AddModelInput("opener", await File.ReadAllTextAsync(PythonBridgeFunctions.Opener("patients_opener.py")));
        var summary = _task.AddOutput("summary");
        var archive = Archive("frame");
        await using var spawner = new DockerSpawner();

        await spawner.SpawnAsync(_task.Request(archive, PythonBridgeFunctions.Sha256(archive), ["--fake-data", "--n-fake-samples", "3"]), new CancellationTokenSource(Guard).Token);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        Assert.Equal(3, document.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal("[\"fake0\",\"fake1\",\"fake2\"]", document.RootElement.GetProperty("columns")[0].GetProperty("values").GetRawText());
    }

    [Fact]
    public async Task Fake_X_and_y_reach_a_tuple_function_in_a_container()
    {
        _task.AddModelInput("opener", await File.ReadAllTextAsync(PythonBridgeFunctions.Opener("xy_opener.py")));
        var summary = _task.AddOutput("summary");
        var archive = Archive("xy");
        await using var spawner = new DockerSpawner();

        await spawner.SpawnAsync(_task.Request(archive, PythonBridgeFunctions.Sha256(archive), ["--fake-data", "--n-fake-samples", "5"]), new CancellationTokenSource(Guard).Token);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        Assert.Equal(5, document.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(15, document.RootElement.GetProperty("sum_x").GetDouble());
    }

    [Fact]
    public async Task A_raising_fake_data_fails_the_container_with_the_traceback_in_its_logs()
    {
        _task.AddModelInput("opener", await File.ReadAllTextAsync(PythonBridgeFunctions.Opener("raising_opener.py")));
        _task.AddOutput("summary");
        var archive = Archive("frame");
        await using var spawner = new DockerSpawner();

        var error = await Assert.ThrowsAsync<ExecutionException>(() =>
            spawner.SpawnAsync(_task.Request(archive, PythonBridgeFunctions.Sha256(archive), ["--fake-data", "--n-fake-samples", "2"]), new CancellationTokenSource(Guard).Token));

        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains("Traceback (most recent call last):", _task.Logs.Text, StringComparison.Ordinal);
        Assert.Contains("raised RuntimeError: no fake data either (fake_data); its traceback is in the task log.", _task.Logs.Text, StringComparison.Ordinal);
    }

    private string Archive(string function) => PythonBridgeFunctions.Archive(Path.Combine(_task.Root, "archives"), function);

    public void Dispose() => _task.Dispose();
}

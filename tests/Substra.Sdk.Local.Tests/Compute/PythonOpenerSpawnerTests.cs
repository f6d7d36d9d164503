using System.Text.Json;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Tests.Infrastructure;

namespace Substra.Sdk.Local.Tests.Compute;

/// <summary>
/// The subprocess spawner runs a C# function on a Python opener with its configured interpreter (given to the task as
/// SUBSTRA_PYTHON), with <c>--fake-data</c> as the worker passes it in hybrid mode.
/// </summary>
public sealed class PythonOpenerSpawnerTests : IAsyncDisposable
{
    private readonly SpawnerFixture _fixture = new();

    [Fact]
    public async Task Fake_data_of_a_python_opener_reaches_the_function_through_the_configured_interpreter()
    {
        var archive = PythonBridgeFunctions.Archive(Path.Combine(_fixture.Root, "archives"), "xy");
        var taskKey = Guid.NewGuid().ToString();
        var taskDirectory = Path.Combine(_fixture.Workspace, taskKey);
        Directory.CreateDirectory(Path.Combine(taskDirectory, "inputs"));
        File.Copy(PythonBridgeFunctions.Opener("xy_opener.py"), Path.Combine(taskDirectory, "inputs", "opener.py"));
        var request = _fixture.Request(archive, taskKey, taskDirectory: taskDirectory, arguments:
        [
            "--fake-data", "--n-fake-samples", "4",
            "--task-properties", "{\"rank\": 0}",
            "--inputs", $"[{{\"id\": \"opener\", \"value\": \"{SpawnRequest.InputsVolume}/opener.py\", \"multiple\": false}}]",
            "--outputs", $"[{{\"id\": \"summary\", \"value\": \"{SpawnRequest.OutputsVolume}/summary\", \"multiple\": false}}]",
            "--log-level", "warning",
        ]);

        await _fixture.Spawner.SpawnAsync(request, CancellationToken.None);

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(taskDirectory, "outputs", "summary")));
        Assert.Equal(4, summary.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal(12, summary.RootElement.GetProperty("sum_x").GetDouble());
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}

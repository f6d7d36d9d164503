using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Tests.Infrastructure;
using Substra.Tools.Cli;

namespace Substra.Sdk.Local.Tests.Compute;

/// <summary>The one writer of arguments.txt: the runtime's command line, paths JSON-escaped, every line ending in \n.</summary>
public sealed class TaskArgumentsFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Paths_are_escaped_into_the_json_as_python_json_dumps_does_never_pasted_into_its_text()
    {
        // A quote and a non-ASCII letter in the workspace path: pasted into the JSON text they would break it.
        var root = _temp.Combine("work \"é\"");
        var request = Request([
            "--inputs", $"[{{\"id\": \"model\", \"value\": \"{SpawnRequest.InputsVolume}/m\", \"multiple\": false}}]",
        ]);

        var text = TaskArgumentsFile.Text(request, "train", new TaskVolumes(root + "/inputs", root + "/outputs", root + "/cli-args"));

        var inputs = text.Split('\n')[5];
        Assert.Contains("work \\\"\\u00e9\\\"/inputs/m", inputs);
        using var json = System.Text.Json.JsonDocument.Parse(inputs);
        Assert.Equal(root + "/inputs/m", json.RootElement[0].GetProperty("value").GetString());
    }

    [Fact]
    public void The_file_is_read_back_by_the_runtime_to_the_same_command_line_and_the_same_text()
    {
        var cliArgs = Directory.CreateDirectory(_temp.Combine("task folder", "cli-args")).FullName;
        var inputs = _temp.Combine("task folder", "inputs");
        var outputs = _temp.Combine("task folder", "outputs");
        var request = Request([
            "--task-properties", "{\"rank\": 2}",
            "--inputs", $"[{{\"id\": \"model\", \"value\": \"{SpawnRequest.InputsVolume}/m\", \"multiple\": false}}]",
            "--outputs", $"[{{\"id\": \"model\", \"value\": \"{SpawnRequest.OutputsVolume}/o\", \"multiple\": false}}]",
            "--log-level", "warning",
        ]);

        var path = TaskArgumentsFile.Write(cliArgs, request, "train", new TaskVolumes(inputs, outputs, cliArgs));

        var text = File.ReadAllText(path);
        Assert.Equal(Path.Combine(cliArgs, "arguments.txt"), path);
        Assert.EndsWith("warning\n", text, StringComparison.Ordinal);
        Assert.Equal(10, text.Count(c => c == '\n'));
        var parsed = TaskCommandLine.Parse(["@" + path]);
        Assert.Equal("train", parsed.FunctionName);
        Assert.Equal(2, parsed.TaskProperties.Rank);
        Assert.Equal([new TaskResource("model", inputs + "/m", false)], parsed.Inputs);
        Assert.Equal([new TaskResource("model", outputs + "/o", false)], parsed.Outputs);
        Assert.Equal(text, parsed.ToArgumentsFileText());
    }

    [Fact]
    public void Fake_data_arguments_keep_the_reference_order()
    {
        var request = Request(["--fake-data", "--n-fake-samples", "3", "--task-properties", "{\"rank\": 0}", "--inputs", "[]", "--outputs", "[]", "--log-level", "warning"]);

        var text = TaskArgumentsFile.Text(request, functionName: null, new TaskVolumes("/i", "/o", "/c"));

        Assert.Equal("--fake-data\n--n-fake-samples\n3\n--task-properties\n{\"rank\": 0}\n--inputs\n[]\n--outputs\n[]\n--log-level\nwarning\n", text);
    }

    [Fact]
    public void Arguments_that_break_the_substratools_contract_fail_the_task_with_the_reason()
    {
        var unknown = Request(["--task-properties", "{}", "--unknown-option", "x"]);
        var twice = Request(["--inputs", "[{\"id\": \"model\", \"value\": \"a\", \"multiple\": false}, {\"id\": \"model\", \"value\": \"b\", \"multiple\": false}]"]);

        var first = Assert.Throws<ExecutionException>(() => TaskArgumentsFile.Text(unknown, "train", new TaskVolumes("/i", "/o", "/c")));
        var second = Assert.Throws<ExecutionException>(() => TaskArgumentsFile.Text(twice, "train", new TaskVolumes("/i", "/o", "/c")));

        Assert.Equal("The command line of task task-args breaks the substratools contract: unrecognized arguments: --unknown-option x", first.Message);
        Assert.StartsWith("The command line of task task-args breaks the substratools contract: invalid --inputs", second.Message);
    }

    [Fact]
    public void A_function_name_with_a_line_break_cannot_be_written()
    {
        var error = Assert.Throws<ExecutionException>(() =>
            TaskArgumentsFile.Text(Request(["--log-level", "warning"]), "train\n--fake-data", new TaskVolumes("/i", "/o", "/c")));

        Assert.Contains("contains a line break", error.Message);
    }

    private static SpawnRequest Request(IReadOnlyList<string> arguments) =>
        new("task-args", "archive.zip", new string('a', 64), "/unused", arguments, new Dictionary<string, string>(), TextWriter.Null, null);

    public void Dispose() => _temp.Dispose();
}

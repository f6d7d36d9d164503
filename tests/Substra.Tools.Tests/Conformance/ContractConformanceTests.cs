using System.Text.Json;
using Substra.Tools.Cli;
using Substra.Tools.Tests.Support;

namespace Substra.Tools.Tests.Conformance;

/// <summary>
/// The same task command lines run against the .NET fixture app (hand-written dispatch), the same functions with the
/// generator's dispatch and entry point, and the Python contract script: the same outputs, exit codes and messages prove
/// that the contract (docs/compatibility.md) is language-neutral.
/// </summary>
public sealed class ContractConformanceTests
{
    public static TheoryData<string> Runners => new() { FunctionRunner.DotNet, FunctionRunner.Generated, FunctionRunner.Python };

    [Theory]
    [MemberData(nameof(Runners))]
    public async Task The_arguments_file_example_of_the_reference_runs_train(string runnerName)
    {
        var runner = FunctionRunner.Get(runnerName);
        using var task = new TaskFolder();
        runner.CopyOpener(task.Input("opener.py"));
        const string key1 = "5c1d9cd1-c2c1-082d-de09-21b56d11030c";
        const string key2 = "9e0f4ff1-2a7b-4d6b-8a63-5f8e4c3c1e2a";
        task.WriteSample(key1, "1,2\n3,4\n");
        task.WriteSample(key2, "5,6\n");
        const string output = "4b3b2d16-1d7b-4c2a-9f58-3b3b1f0a7c11";
        var t = task.Path;

        // docs/compatibility.md (Task command line), line for line, with <T> the task folder.
        var arguments = task.WriteArguments(
            $"""
            --function-name
            train
            --task-properties
            {"{"}"rank": 0{"}"}
            --inputs
            [{"{"}"id": "opener", "value": "{t}/inputs/opener.py", "multiple": false{"}"}, {"{"}"id": "datasamples", "value": "{t}/inputs/{key1}", "multiple": true{"}"}, {"{"}"id": "datasamples", "value": "{t}/inputs/{key2}", "multiple": true{"}"}]
            --outputs
            [{"{"}"id": "shared", "value": "{t}/outputs/{output}", "multiple": false{"}"}]
            --log-level
            warning

            """);

        var result = await runner.RunAsync(["@" + arguments], task.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var written = JsonDocument.Parse(File.ReadAllText(task.Output(output)));
        Assert.Equal(0, written.RootElement.GetProperty("rank").GetInt32());
        Assert.Equal(3, written.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(9, written.RootElement.GetProperty("sum_x").GetInt32());
        Assert.Equal(12, written.RootElement.GetProperty("sum_y").GetInt32());
        Assert.Equal(JsonValueKind.Null, written.RootElement.GetProperty("init").ValueKind);
    }

    [Theory]
    [MemberData(nameof(Runners))]
    public async Task Fake_data_makes_the_opener_fake_samples_and_the_rank_and_optional_input_arrive(string runnerName)
    {
        var runner = FunctionRunner.Get(runnerName);
        using var task = new TaskFolder();
        runner.CopyOpener(task.Input("opener.py"));
        var init = task.WriteInput("init", "previous model");

        var result = await runner.RunAsync(
            [
                "--function-name", "train", "-d", "--n-fake-samples", "4", "-r", """{"rank": 3}""",
                "--inputs", TaskFolder.Resources(new TaskResource("opener", task.Input("opener.py"), false), new TaskResource("init", init, false)),
                "--outputs", TaskFolder.Resources(new TaskResource("shared", task.Output("shared"), false)),
            ],
            task.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var written = JsonDocument.Parse(File.ReadAllText(task.Output("shared")));
        Assert.Equal(3, written.RootElement.GetProperty("rank").GetInt32());
        Assert.Equal(4, written.RootElement.GetProperty("samples").GetInt32());
        Assert.Equal(40, written.RootElement.GetProperty("sum_x").GetInt32());
        Assert.Equal(120, written.RootElement.GetProperty("sum_y").GetInt32());
        Assert.Equal("previous model", written.RootElement.GetProperty("init").GetString());
    }

    [Theory]
    [MemberData(nameof(Runners))]
    public async Task Equals_forms_abbreviations_and_backslashes_are_accepted(string runnerName)
    {
        var runner = FunctionRunner.Get(runnerName);
        using var task = new TaskFolder();
        task.WriteInput("model", "weights");
        var backslashed = task.Input("model").Replace('/', '\\');

        var result = await runner.RunAsync(
            [
                "--function=copy",
                "--inputs=" + TaskFolder.Resources(new TaskResource("model", backslashed, false)),
                "--out", TaskFolder.Resources(new TaskResource("model", task.Output("model"), false)),
                "--log-level=error",
            ],
            task.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("weights", File.ReadAllText(task.Output("model")));
    }

    [Theory]
    [MemberData(nameof(Runners))]
    public async Task A_multiple_input_keeps_its_order(string runnerName)
    {
        var runner = FunctionRunner.Get(runnerName);
        using var task = new TaskFolder();
        var first = task.WriteInput("a", "first;");
        var second = task.WriteInput("b", "second;");
        var third = task.WriteInput("c", "third;");

        var result = await runner.RunAsync(
            [
                "--function-name", "aggregate",
                "--inputs", TaskFolder.Resources(new TaskResource("models", second, true), new TaskResource("models", first, true), new TaskResource("models", third, true)),
                "--outputs", TaskFolder.Resources(new TaskResource("model", task.Output("model"), false)),
            ],
            task.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("second;first;third;", File.ReadAllText(task.Output("model")));
    }

    [Theory]
    [MemberData(nameof(Runners))]
    public async Task A_performance_is_written_as_all(string runnerName)
    {
        var runner = FunctionRunner.Get(runnerName);
        using var task = new TaskFolder();
        var model = task.WriteInput("model", "0.25\n");

        var result = await runner.RunAsync(
            [
                "--function-name", "score",
                "--inputs", TaskFolder.Resources(new TaskResource("model", model, false)),
                "--outputs", TaskFolder.Resources(new TaskResource("performance", task.Output("performance"), false)),
            ],
            task.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("""{"all": 0.25}""", File.ReadAllText(task.Output("performance")));
    }

    [Theory]
    [MemberData(nameof(Runners))]
    public async Task Logs_go_to_the_log_path_and_a_failure_leaves_one_line_on_stderr(string runnerName)
    {
        var runner = FunctionRunner.Get(runnerName);
        using var task = new TaskFolder();
        var logPath = Path.Combine(task.Path, "logs", "task.log");

        var result = await runner.RunAsync(["--function-name", "fail", "--log-path", logPath, "--log-level", "debug"], task.Path);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("boom", line, StringComparison.Ordinal);
        var log = File.ReadAllText(logPath);
        Assert.Contains("boom", log, StringComparison.Ordinal);
        Assert.True(log.Split('\n').Length > 3, "the log file holds the full exception: " + log);
    }

    [Theory]
    [MemberData(nameof(Runners))]
    public async Task A_missing_output_file_fails_naming_the_output(string runnerName)
    {
        var runner = FunctionRunner.Get(runnerName);
        using var task = new TaskFolder();
        var model = task.WriteInput("model", "m");

        var result = await runner.RunAsync(
            [
                "--function-name", "forget",
                "--inputs", TaskFolder.Resources(new TaskResource("model", model, false)),
                "--outputs", TaskFolder.Resources(new TaskResource("model", task.Output("model"), false)),
            ],
            task.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: Output file {task.Output("model")} used to save argument `model` does not exists.", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [MemberData(nameof(Runners))]
    public async Task An_output_path_that_is_a_folder_fails(string runnerName)
    {
        var runner = FunctionRunner.Get(runnerName);
        using var task = new TaskFolder();
        var model = task.WriteInput("model", "m");
        Directory.CreateDirectory(task.Output("model"));

        var result = await runner.RunAsync(
            [
                "--function-name", "forget",
                "--inputs", TaskFolder.Resources(new TaskResource("model", model, false)),
                "--outputs", TaskFolder.Resources(new TaskResource("model", task.Output("model"), false)),
            ],
            task.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: Expected output file at {task.Output("model")}, found dir for output `model`", Assert.Single(result.ErrorLines));
    }

    public static TheoryData<string, string[], int, string> CommandLineErrors()
    {
        var data = new TheoryData<string, string[], int, string>();
        string[] runners = [FunctionRunner.DotNet, FunctionRunner.Generated, FunctionRunner.Python];
        (string[] Arguments, int ExitCode, string Message)[] cases =
        [
            (["--function-name", "nope"], 1, "error: Function 'nope' not found. Known functions: aggregate, copy, fail, forget, score, train"),
            ([], 1, "error: No --function-name given. Known functions: aggregate, copy, fail, forget, score, train"),
            (["--function-name", "fail", "--bogus", "x"], 2, "error: unrecognized arguments: --bogus x"),
            (["--function-name", "fail", ""], 2, "error: unrecognized arguments: "),
            (["--function-name", "fail", "--log-level", "loud"], 2, "error: argument --log-level: invalid choice: 'loud' (choose from 'debug', 'info', 'warning', 'error', 'critical')"),
            (["--function-name", "fail", "--n-fake-samples", "many"], 2, "error: argument --n-fake-samples: invalid int value: 'many'"),
            (["--function-name", "fail", "-r"], 2, "error: argument -r/--task-properties: expected one argument"),
            (["--function-name", "fail", "--inputs", "--outputs", "[]"], 2, "error: argument --inputs: expected one argument"),
            (["--function-name", "fail", "--log", "x"], 2, "error: ambiguous option: --log could match --log-path, --log-level"),
            (["--function-name", "fail", "--fake-data=yes"], 2, "error: argument -d/--fake-data: ignored explicit argument 'yes'"),
            (["--function-name", "fail", "--inputs", "[{"], 2, "error: invalid --inputs: the value is not valid JSON ("),
            (["--function-name", "fail", "--inputs", """{"id": "model"}"""], 2, """error: invalid --inputs: expected a JSON list of {"id", "value", "multiple"} objects, got object"""),
            (["--function-name", "fail", "--outputs", "[1]"], 2, "error: invalid --outputs: item 0 must be an object with the keys id, value, multiple, got number"),
            (["--function-name", "fail", "--inputs", """[{"id": "model", "value": "/m"}]"""], 2, "error: invalid --inputs: item 0 must have exactly the keys id, value, multiple, got id, value"),
            (["--function-name", "fail", "--inputs", """[{"id": "m", "value": "/m", "multiple": false, "extra": 1}]"""], 2, "error: invalid --inputs: item 0 must have exactly the keys id, value, multiple, got id, value, multiple, extra"),
            (["--function-name", "fail", "--inputs", """[{"id": 1, "value": "/m", "multiple": false}]"""], 2, """error: invalid --inputs: item 0: "id" must be a string, got number"""),
            (["--function-name", "fail", "--inputs", """[{"id": "m", "value": null, "multiple": false}]"""], 2, """error: invalid --inputs: item 0: "value" must be a string, got null"""),
            (["--function-name", "fail", "--inputs", """[{"id": "m", "value": "/m", "multiple": "no"}]"""], 2, """error: invalid --inputs: item 0: "multiple" must be a boolean, got string"""),
            (["--function-name", "fail", "--inputs", """[{"id": "m", "value": "/a", "multiple": false}, {"id": "m", "value": "/b", "multiple": false}]"""], 2, "error: invalid --inputs: the id 'm' is given 2 times but is not multiple"),
            (["--function-name", "fail", "--inputs", """[{"id": "m", "value": "/a", "multiple": true}, {"id": "m", "value": "/b", "multiple": false}]"""], 2, "error: invalid --inputs: the id 'm' is given both with multiple true and multiple false"),
            (["--function-name", "fail", "-r", """{"rank": "first"}"""], 2, "error: invalid --task-properties: \"rank\" must be an integer, got \"first\""),
            (["--function-name", "fail", "-r", "[0]"], 2, """error: invalid --task-properties: expected a JSON object such as {"rank": 0}, got list"""),
            (["--function-name", "copy", "--outputs", """[{"id": "model", "value": "/o", "multiple": false}]"""], 1, "error: The input 'model' of the function 'copy' is missing from --inputs; it is not optional."),
            (["--function-name", "fail", "--inputs", """[{"id": "model", "value": "/m", "multiple": false}]"""], 1, "error: The input 'model' is not declared by the function 'fail' (declared inputs: none)."),
            (["--function-name", "copy", "--inputs", """[{"id": "model", "value": "/m", "multiple": true}]"""], 1, "error: The input 'model' of the function 'copy' is not multiple, but is given with \"multiple\": true."),
            (["--function-name", "aggregate", "--inputs", """[{"id": "models", "value": "/m", "multiple": false}]"""], 1, "error: The input 'models' of the function 'aggregate' is multiple, but is given with \"multiple\": false."),
            (["--function-name", "copy", "--inputs", """[{"id": "model", "value": "/m", "multiple": false}]""", "--outputs", """[{"id": "other", "value": "/o", "multiple": false}]"""], 1, "error: The output 'other' is not declared by the function 'copy' (declared outputs: model)."),
            (["--function-name", "copy", "--inputs", """[{"id": "model", "value": "/m", "multiple": false}]"""], 1, "error: The output 'model' of the function 'copy' is missing from --outputs."),
            (["--function-name", "copy", "--inputs", """[{"id": "model", "value": "/m", "multiple": false}]""", "--outputs", """[{"id": "model", "value": "/o", "multiple": true}]"""], 1, "error: The output 'model' is given with \"multiple\": true; multiple outputs are not supported."),
        ];
        foreach (var runner in runners)
        {
            foreach (var (arguments, exitCode, message) in cases)
            {
                data.Add(runner, arguments, exitCode, message);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CommandLineErrors))]
    public async Task A_command_line_that_breaks_the_contract_fails_with_a_clear_message(string runnerName, string[] arguments, int exitCode, string message)
    {
        var runner = FunctionRunner.Get(runnerName);
        using var task = new TaskFolder();

        var result = await runner.RunAsync(arguments, task.Path);

        Assert.True(result.ExitCode == exitCode, result.ToString());
        var line = Assert.Single(result.ErrorLines);

        // argparse prefixes its messages with the program name; the rest of the line is the same.
        var normalized = line.Contains(": error: ", StringComparison.Ordinal) ? line[(line.IndexOf(": error: ", StringComparison.Ordinal) + 2)..] : line;
        Assert.StartsWith(message, normalized, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Runners))]
    public async Task Fake_data_without_a_sample_count_fails(string runnerName)
    {
        var runner = FunctionRunner.Get(runnerName);
        using var task = new TaskFolder();
        runner.CopyOpener(task.Input("opener.py"));

        var result = await runner.RunAsync(
            [
                "--function-name", "train", "--fake-data",
                "--inputs", TaskFolder.Resources(new TaskResource("opener", task.Input("opener.py"), false)),
                "--outputs", TaskFolder.Resources(new TaskResource("shared", task.Output("shared"), false)),
            ],
            task.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --fake-data needs --n-fake-samples: the opener makes that many fake samples.", Assert.Single(result.ErrorLines));
    }
}

using Substra.Tools.Cli;
using Substra.Tools.Tests.Support;

namespace Substra.Tools.Tests.Cli;

public sealed class TaskCommandLineTests
{
    private const string T = "/work/local-worker/8d2f0b5c-3f0e-4c1e-9e55-0b8a7d1c2e44";

    /// <summary>docs/compatibility.md (Task command line), verbatim but for &lt;T&gt;, &lt;sample_key_N&gt; and &lt;uuid&gt;.</summary>
    private const string ReferenceArgumentsFile =
        "--function-name\n"
        + "train\n"
        + "--task-properties\n"
        + "{\"rank\": 0}\n"
        + "--inputs\n"
        + "[{\"id\": \"opener\", \"value\": \"" + T + "/inputs/opener.py\", \"multiple\": false}, {\"id\": \"datasamples\", \"value\": \"" + T + "/inputs/5c1d9cd1-c2c1-082d-de09-21b56d11030c\", \"multiple\": true}, {\"id\": \"datasamples\", \"value\": \"" + T + "/inputs/9e0f4ff1-2a7b-4d6b-8a63-5f8e4c3c1e2a\", \"multiple\": true}]\n"
        + "--outputs\n"
        + "[{\"id\": \"shared\", \"value\": \"" + T + "/outputs/4b3b2d16-1d7b-4c2a-9f58-3b3b1f0a7c11\", \"multiple\": false}]\n"
        + "--log-level\n"
        + "warning\n";

    [Fact]
    public void The_reference_arguments_file_round_trips_byte_for_byte()
    {
        using var folder = new TempDirectory();
        var file = folder.WriteFile("arguments.txt", ReferenceArgumentsFile);

        var parsed = TaskCommandLine.Parse(["@" + file]);

        Assert.Equal("train", parsed.FunctionName);
        Assert.Equal(0, parsed.TaskProperties.Rank);
        Assert.Equal(TaskLogLevel.Warning, parsed.LogLevel);
        Assert.False(parsed.FakeData);
        Assert.Equal(
            [
                new TaskResource("opener", T + "/inputs/opener.py", false),
                new TaskResource("datasamples", T + "/inputs/5c1d9cd1-c2c1-082d-de09-21b56d11030c", true),
                new TaskResource("datasamples", T + "/inputs/9e0f4ff1-2a7b-4d6b-8a63-5f8e4c3c1e2a", true),
            ],
            parsed.Inputs);
        Assert.Equal([new TaskResource("shared", T + "/outputs/4b3b2d16-1d7b-4c2a-9f58-3b3b1f0a7c11", false)], parsed.Outputs);
        Assert.Equal(ReferenceArgumentsFile, parsed.ToArgumentsFileText());
    }

    [Fact]
    public void A_command_line_the_platform_builds_reads_an_at_sign_as_a_value_never_as_a_file()
    {
        var parsed = TaskCommandLine.ParseExpanded(["--function-name", "@/etc/passwd", "--log-level", "debug"]);

        Assert.Equal("@/etc/passwd", parsed.FunctionName);
        Assert.Equal(TaskLogLevel.Debug, parsed.LogLevel);
    }

    [Fact]
    public void Hybrid_mode_arguments_come_first_as_the_worker_writes_them()
    {
        var commandLine = new TaskCommandLine
        {
            FakeData = true,
            NFakeSamples = 2,
            TaskPropertiesJson = TaskCommandLine.FormatTaskProperties(4),
            LogLevel = TaskLogLevel.Warning,
        };

        Assert.Equal(
            ["--fake-data", "--n-fake-samples", "2", "--task-properties", "{\"rank\": 4}", "--inputs", "[]", "--outputs", "[]", "--log-level", "warning"],
            commandLine.ToArguments());
        var parsed = TaskCommandLine.Parse(commandLine.ToArguments());
        Assert.True(parsed.FakeData);
        Assert.Equal(2, parsed.NFakeSamples);
        Assert.Equal(4, parsed.TaskProperties.Rank);
    }

    [Fact]
    public void Defaults_are_substratools_defaults()
    {
        var parsed = TaskCommandLine.Parse([]);

        Assert.Null(parsed.FunctionName);
        Assert.Equal("{}", parsed.TaskPropertiesJson);
        Assert.Equal(0, parsed.TaskProperties.Rank);
        Assert.False(parsed.FakeData);
        Assert.Null(parsed.NFakeSamples);
        Assert.Null(parsed.LogPath);
        Assert.Equal(TaskLogLevel.Info, parsed.LogLevel);
        Assert.Empty(parsed.Inputs);
        Assert.Empty(parsed.Outputs);
    }

    [Theory]
    [InlineData("--function-name=f", "-r{\"rank\": 7}")]
    [InlineData("--function-name", "f", "-r", "{\"rank\": 7}")]
    [InlineData("--func", "f", "--task-properties={\"rank\": 7}")]
    [InlineData("--function-name", "x", "-r={\"rank\": 1}", "--function-name", "f", "--task-prop", "{\"rank\": 7}")]
    public void Option_forms_of_argparse_are_accepted_and_the_last_value_wins(params string[] arguments)
    {
        var parsed = TaskCommandLine.Parse(arguments);

        Assert.Equal("f", parsed.FunctionName);
        Assert.Equal(7, parsed.TaskProperties.Rank);
    }

    [Fact]
    public void Combined_short_flags_and_negative_numbers_parse_like_argparse()
    {
        var parsed = TaskCommandLine.Parse(["-dr{\"rank\": 2}", "--n-fake-samples", "-3"]);

        Assert.True(parsed.FakeData);
        Assert.Equal(2, parsed.TaskProperties.Rank);
        Assert.Equal(-3, parsed.NFakeSamples);
    }

    [Fact]
    public void Arguments_files_expand_recursively_and_keep_spaces_and_empty_lines()
    {
        using var folder = new TempDirectory();
        var inner = folder.WriteFile("inner.txt", "--log-path\n/tmp/a log.txt\r\n");
        var outer = folder.WriteFile("outer.txt", $"--function-name\nmy function\n@{inner}\n");

        var parsed = TaskCommandLine.Parse(["@" + outer, "--log-level", "debug"]);

        Assert.Equal("my function", parsed.FunctionName);
        Assert.Equal("/tmp/a log.txt", parsed.LogPath);
        Assert.Equal(TaskLogLevel.Debug, parsed.LogLevel);
        var empty = folder.WriteFile("empty-line.txt", "--function-name\nf\n\n");
        Assert.Equal("unrecognized arguments: ", Assert.Throws<InvalidCliException>(() => TaskCommandLine.Parse(["@" + empty])).Message);
    }

    [Fact]
    public void A_missing_arguments_file_is_a_clear_error()
    {
        var exception = Assert.Throws<InvalidCliException>(() => TaskCommandLine.Parse(["@/nonexistent/arguments.txt"]));

        Assert.StartsWith("cannot read the arguments file '/nonexistent/arguments.txt': ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_arguments_file_including_itself_is_an_error_not_a_hang()
    {
        using var folder = new TempDirectory();
        var path = folder.Combine("self.txt");
        File.WriteAllText(path, "@" + path + "\n");

        var exception = Assert.Throws<InvalidCliException>(() => TaskCommandLine.Parse(["@" + path]));

        Assert.Contains("more than 16 levels deep", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_with_a_line_break_cannot_go_in_an_arguments_file()
    {
        var commandLine = new TaskCommandLine { FunctionName = "a\nb" };

        var exception = Assert.Throws<InvalidOperationException>(commandLine.ToArgumentsFileText);

        Assert.Contains("one argument per line", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_recognised()
    {
        Assert.True(TaskCommandLine.Parse(["--help"]).HelpRequested);
        Assert.True(TaskCommandLine.Parse(["-h"]).HelpRequested);
    }
}

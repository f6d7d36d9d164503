using Substra.Tools.Cli;
using Substra.Tools.Tests.Support;

namespace Substra.Tools.Tests.Hosting;

/// <summary>The other direction of the opener check: a .NET artifact given to a Python function fails clearly.</summary>
public sealed class PythonContractScriptTests
{
    [Fact]
    public async Task A_dotnet_opener_artifact_cannot_feed_a_python_function()
    {
        using var task = new TaskFolder();
        File.Copy(Fixtures.OpenerArtifactPath, task.Input("opener.py"));
        var sample = task.WriteSample("s", "1,2\n");

        var result = await FunctionRunner.Get(FunctionRunner.Python).RunAsync(
            [
                "--function-name", "train",
                "--inputs", TaskFolder.Resources(new TaskResource("opener", task.Input("opener.py"), false), new TaskResource("datasamples", sample, true)),
                "--outputs", TaskFolder.Resources(new TaskResource("shared", task.Output("shared"), false)),
            ],
            task.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: The opener '{task.Input("opener.py")}' cannot be imported as a Python module: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_python_opener_must_define_exactly_one_opener_class()
    {
        using var task = new TaskFolder();
        task.WriteInput("opener.py", File.ReadAllText(Fixtures.PythonOpener) + "\n\nclass Second(CsvOpener):\n    pass\n");

        var result = await FunctionRunner.Get(FunctionRunner.Python).RunAsync(
            [
                "--function-name", "train", "-d", "--n-fake-samples", "1",
                "--inputs", TaskFolder.Resources(new TaskResource("opener", task.Input("opener.py"), false)),
                "--outputs", TaskFolder.Resources(new TaskResource("shared", task.Output("shared"), false)),
            ],
            task.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"error: The opener '{task.Input("opener.py")}' must define exactly one substratools.Opener subclass, found 2 (InvalidInterfaceError).",
            Assert.Single(result.ErrorLines));
    }
}

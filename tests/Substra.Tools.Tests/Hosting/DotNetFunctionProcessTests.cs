using System.IO.Compression;
using System.Security.Cryptography;
using Substra.Tools.Cli;
using Substra.Tools.Tests.Support;

namespace Substra.Tools.Tests.Hosting;

/// <summary>What only a .NET function process can get wrong: opener artifacts, data types, DI, logs and signals.</summary>
public sealed class DotNetFunctionProcessTests
{
    private static Task<ProcessResult> RunAsync(TaskFolder task, params string[] arguments)
        => FunctionRunner.Get(FunctionRunner.DotNet).RunAsync(arguments, task.Path);

    private static string[] TrainArguments(TaskFolder task, string function = "train")
    {
        var sample = task.WriteSample("sample-1", "1,2\n");
        return
        [
            "--function-name", function,
            "--inputs", TaskFolder.Resources(new TaskResource("opener", task.Input("opener.py"), false), new TaskResource("datasamples", sample, true)),
            "--outputs", function == "train" ? TaskFolder.Resources(new TaskResource("shared", task.Output("shared"), false)) : "[]",
        ];
    }

    [Fact]
    public async Task The_opener_artifact_is_extracted_once_under_its_sha256()
    {
        using var task = new TaskFolder();
        File.Copy(Fixtures.OpenerArtifactPath, task.Input("opener.py"));

        var first = await RunAsync(task, TrainArguments(task));
        var second = await RunAsync(task, TrainArguments(task));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Fixtures.OpenerArtifactPath)));
        var cache = Path.Combine(Path.GetTempPath(), "substra-openers", hash);
        Assert.True(File.Exists(Path.Combine(cache, "Substra.Tools.Fixture.Opener.dll")));
        Assert.True(File.Exists(Path.Combine(cache, "substra-opener.json")));
        Assert.Contains("\"samples\":1", File.ReadAllText(task.Output("shared")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_python_opener_needs_a_function_that_declares_it_reads_python_openers()
    {
        using var task = new TaskFolder();
        File.Copy(Fixtures.PythonOpener, task.Input("opener.py"));

        var result = await RunAsync(task, TrainArguments(task));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            $"error: The opener '{task.Input("opener.py")}' is a Python opener (a text module), but the function 'train' does not read Python openers. "
            + "Declare its parameter [DataSamples(PythonOpener = true)] with a type the Python bridge produces",
            Assert.Single(result.ErrorLines),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_without_manifest_and_a_binary_file_are_not_openers()
    {
        using var task = new TaskFolder();
        using (var archive = ZipFile.Open(task.Input("opener.py"), ZipArchiveMode.Create))
        {
            archive.CreateEntry("readme.txt");
        }

        var zip = await RunAsync(task, TrainArguments(task));
        File.WriteAllBytes(task.Input("opener.py"), [0, 1, 2, 3, 255]);
        var binary = await RunAsync(task, TrainArguments(task));
        File.Delete(task.Input("opener.py"));
        var missing = await RunAsync(task, TrainArguments(task));

        Assert.Equal(1, zip.ExitCode);
        Assert.Contains("is a zip file without a 'substra-opener.json' entry", Assert.Single(zip.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, binary.ExitCode);
        Assert.Contains("is neither a .NET opener artifact", Assert.Single(binary.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"error: The opener file '{task.Input("opener.py")}' does not exist.", Assert.Single(missing.ErrorLines));
    }

    [Fact]
    public async Task A_factory_missing_from_the_assembly_is_reported()
    {
        using var task = new TaskFolder();
        var files = Directory.GetFiles(Path.GetDirectoryName(Fixtures.OpenerDll)!, "*.dll");
        Substra.Tools.Openers.OpenerArtifact.Write(task.Input("opener.py"), Fixtures.OpenerManifest with { Factory = "Nowhere.Factory" }, files);

        var result = await RunAsync(task, TrainArguments(task));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("names the factory 'Nowhere.Factory', which is not a type of Substra.Tools.Fixture.Opener", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_function_expecting_another_data_type_gets_a_clear_error()
    {
        using var task = new TaskFolder();
        File.Copy(Fixtures.OpenerArtifactPath, task.Input("opener.py"));

        var result = await RunAsync(task, TrainArguments(task, "wrong_type"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: The opener 'csv' returns Substra.Tools.Fixture.Contracts.CsvSamples, but the function 'wrong_type' expects System.String.",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task An_unreported_performance_output_is_an_error()
    {
        using var task = new TaskFolder();

        var result = await RunAsync(task, "--function-name", "unreported", "--outputs", TaskFolder.Resources(new TaskResource("accuracy", task.Output("accuracy"), false)));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: The performance output 'accuracy' of the function 'unreported' was not reported: call Report(value) on it before the function returns.",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Functions_get_injected_services_and_log_at_the_requested_level()
    {
        using var task = new TaskFolder();
        var model = task.WriteInput("model", "m");
        string[] Arguments(string level, string log) =>
        [
            "--function-name", "copy", "--log-level", level, "--log-path", log,
            "--inputs", TaskFolder.Resources(new TaskResource("model", model, false)),
            "--outputs", TaskFolder.Resources(new TaskResource("model", task.Output("model"), false)),
        ];

        var info = await RunAsync(task, Arguments("info", Path.Combine(task.Path, "info", "log.txt")));
        var warning = await RunAsync(task, Arguments("warning", Path.Combine(task.Path, "warning", "log.txt")));

        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains("INFO - copy: hello from DI", info.StandardError, StringComparison.Ordinal);
        Assert.Contains("INFO - copy: hello from DI", File.ReadAllText(Path.Combine(task.Path, "info", "log.txt")), StringComparison.Ordinal);
        Assert.True(warning.ExitCode == 0, warning.ToString());
        Assert.DoesNotContain("hello from DI", warning.StandardError, StringComparison.Ordinal);
        Assert.Equal(string.Empty, File.ReadAllText(Path.Combine(task.Path, "warning", "log.txt")));
    }

    [Fact]
    public async Task Sigterm_cancels_the_function_token_and_the_task_fails()
    {
        using var task = new TaskFolder();
        var started = task.Output("started");
        using var process = ProcessRunner.Start(
            "dotnet",
            [Fixtures.FunctionsDll, "--function-name", "wait", "--outputs", TaskFolder.Resources(new TaskResource("started", started, false))],
            task.Path);
        var result = ProcessRunner.WaitAsync(process);
        while (!File.Exists(started) && !process.HasExited)
        {
            await Task.Delay(50);
        }

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var finished = await result;
        Assert.Equal(1, finished.ExitCode);
        Assert.Equal("error: The task was cancelled (SIGTERM or Ctrl+C).", Assert.Single(finished.ErrorLines));
    }

    [Fact]
    public async Task Help_lists_the_functions()
    {
        using var task = new TaskFolder();

        var result = await RunAsync(task, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("usage: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("functions: aggregate, copy, fail, forget, score, train, unreported, wait, wrong_type", result.StandardOutput, StringComparison.Ordinal);
    }
}

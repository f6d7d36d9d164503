using System.IO.Compression;
using System.Text.Json;
using Substra.Build.Metadata;
using Substra.Build.Tests.Infrastructure;
using Substra.Tools.Cli;

namespace Substra.Build.Tests.Functions;

/// <summary>What one `dotnet build` of a function project writes to bin/…/substra/functions.</summary>
[Collection(BuildCollection.Name)]
public sealed class FunctionArchiveTests(BuiltFunctionProject built) : IClassFixture<BuiltFunctionProject>
{
    private string Functions => built.Project.FunctionsDirectory;

    [Fact]
    public void Writes_an_archive_a_schema_and_a_description_per_function()
    {
        var files = Directory.GetFiles(Functions).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["predict.json", "predict.md", "predict.zip", "train.json", "train.md", "train.zip"], files);
    }

    [Fact]
    public void Archive_has_the_dockerfile_and_the_framework_dependent_application_at_its_root()
    {
        var names = ZipContents.Names(Path.Combine(Functions, "train.zip"));

        Assert.Contains("Dockerfile", names);
        Assert.Contains(".dockerignore", names);
        Assert.Contains("Demo.Functions.dll", names);
        Assert.Contains("Demo.Functions.runtimeconfig.json", names);
        Assert.Contains("Demo.Functions.deps.json", names);
        Assert.Contains("Substra.Tools.dll", names);
        Assert.Contains("Substra.Tools.Contracts.dll", names);
        // The apphost is for the build machine only: the archive runs `dotnet <App>.dll`.
        Assert.DoesNotContain("Demo.Functions", names);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        // The published application is the one the build just compiled.
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(built.Project.OutputDirectory, "Demo.Functions.dll")),
            ZipContents.ReadBytes(Path.Combine(Functions, "train.zip"), "Demo.Functions.dll"));
    }

    [Fact]
    public void Dockerfile_runs_the_function_with_an_exec_form_entrypoint_on_the_runtime_image()
    {
        var dockerfile = ZipContents.ReadText(Path.Combine(Functions, "train.zip"), "Dockerfile");
        var lines = dockerfile.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("FROM mcr.microsoft.com/dotnet/runtime:10.0", lines[0]);
        Assert.Equal("""ENTRYPOINT ["dotnet", "Demo.Functions.dll", "--function-name", "train"]""", lines[^1]);
        Assert.Single(lines, line => line.Contains("ENTRYPOINT", StringComparison.Ordinal));
        Assert.Equal("Dockerfile\n.dockerignore\n", ZipContents.ReadText(Path.Combine(Functions, "train.zip"), ".dockerignore"));
    }

    [Fact]
    public void Functions_of_one_project_share_every_layer_but_the_entrypoint()
    {
        var train = ZipContents.ReadText(Path.Combine(Functions, "train.zip"), "Dockerfile").TrimEnd('\n').Split('\n');
        var predict = ZipContents.ReadText(Path.Combine(Functions, "predict.zip"), "Dockerfile").TrimEnd('\n').Split('\n');

        Assert.Equal(train[..^1], predict[..^1]);
        Assert.NotEqual(train[^1], predict[^1]);
        // What the COPY layer sees (everything but Dockerfile and .dockerignore) is identical.
        Assert.Equal(ApplicationEntries("train.zip"), ApplicationEntries("predict.zip"));
    }

    [Fact]
    public void Entries_have_fixed_timestamps_and_permissions()
    {
        foreach (var entry in ZipContents.Entries(Path.Combine(Functions, "train.zip")))
        {
            Assert.Equal(new DateTime(1980, 1, 1), entry.LastWriteTime.DateTime);
            Assert.Equal(0x81A4, (entry.ExternalAttributes >> 16) & 0xFFFF);
        }
    }

    [Fact]
    public void Compiled_binaries_record_no_path_of_this_machine()
    {
        var archive = Path.Combine(Functions, "train.zip");
        var dlls = ZipContents.Names(archive).Where(name => name.EndsWith(".dll", StringComparison.Ordinal)).ToList();

        Assert.Contains("Demo.Functions.dll", dlls);
        Assert.All(dlls, dll => Assert.Null(DebugPathReader.LocalPdbPath(ZipContents.ReadBytes(archive, dll))));
        // What the compiler recorded instead: the mapped intermediate folder.
        Assert.Equal("/_/obj/Demo.Functions.pdb", DebugPathReader.RecordedPdbPath(ZipContents.ReadBytes(archive, "Demo.Functions.dll")));
    }

    [Fact]
    public void Json_is_the_schema_recorded_for_the_function()
    {
        Assert.Equal(ProjectSources.TrainSchema, File.ReadAllText(Path.Combine(Functions, "train.json")));
        Assert.Equal(ProjectSources.PredictSchema, File.ReadAllText(Path.Combine(Functions, "predict.json")));
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Functions, "train.json")));
        Assert.Equal(["name", "inputs", "outputs"], document.RootElement.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public void Description_is_the_documentation_or_says_there_is_none()
    {
        Assert.Equal(ProjectSources.TrainDescription + "\n", File.ReadAllText(Path.Combine(Functions, "train.md")));

        var predict = File.ReadAllText(Path.Combine(Functions, "predict.md"));
        Assert.StartsWith("# predict\n", predict, StringComparison.Ordinal);
        Assert.Contains("No description given", predict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_build_rewrites_nothing()
    {
        // The state folder too: the stamp untouched means the packaging target was skipped, the staged tasks dll
        // untouched means it will stay skipped.
        var state = Path.Combine(built.Project.Directory, "obj", "Debug", "net10.0", "substra");
        var before = (Functions: FileSnapshot.Take(Functions), State: FileSnapshot.Take(state));
        Assert.Contains(Path.Combine("tasks", "Substra.Build.dll"), before.State.Files.Keys);

        await built.Project.BuildSuccessfullyAsync();

        Assert.Empty(FileSnapshot.Take(Functions).ChangedSince(before.Functions));
        Assert.Empty(FileSnapshot.Take(state).ChangedSince(before.State));
    }

    [Fact]
    public async Task Same_inputs_give_byte_identical_archives()
    {
        var before = FileSnapshot.Take(Functions);
        File.Delete(Path.Combine(Functions, "train.zip"));

        await built.Project.BuildSuccessfullyAsync();

        var after = FileSnapshot.Take(Functions);
        Assert.Equal(before.Files["train.zip"].Sha256, after.Files["train.zip"].Sha256);
        // Only the deleted archive was written again.
        Assert.Equal(["train.zip"], after.ChangedSince(before));
    }

    [Fact]
    public async Task Unpacked_archive_runs_its_entrypoint_with_the_substratools_command_line()
    {
        var work = Path.Combine(Path.GetDirectoryName(built.Project.Directory)!, "run-predict");
        ZipFile.ExtractToDirectory(Path.Combine(Functions, "predict.zip"), work, overwriteFiles: true);
        var model = Path.Combine(work, "model.bin");
        var predictions = Path.Combine(work, "predictions.bin");
        File.WriteAllText(model, "weights");
        // As the platform runs it: the image's ENTRYPOINT, then @arguments.txt with one argument per line.
        File.WriteAllText(Path.Combine(work, "arguments.txt"), new TaskCommandLine
        {
            Inputs = [new TaskResource("model", model, Multiple: false)],
            Outputs = [new TaskResource("predictions", predictions, Multiple: false)],
        }.ToArgumentsFileText());
        var entrypointLine = ZipContents.ReadText(Path.Combine(Functions, "predict.zip"), "Dockerfile")
            .Split('\n').Single(line => line.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        var entrypoint = JsonSerializer.Deserialize<string[]>(entrypointLine["ENTRYPOINT ".Length..])!;

        var run = await DotNetCli.RunProgramAsync(entrypoint[0], work, null, [.. entrypoint[1..], "@arguments.txt"]);

        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal("weights", File.ReadAllText(predictions));
    }

    private IReadOnlyList<(string, string)> ApplicationEntries(string archive)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(Functions, archive));
        return zip.Entries
            .Where(entry => entry.FullName is not ("Dockerfile" or ".dockerignore"))
            .Select(entry => (entry.FullName, entry.Crc32.ToString("x8")))
            .ToList();
    }
}

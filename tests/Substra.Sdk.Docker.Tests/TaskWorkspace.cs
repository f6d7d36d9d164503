using Substra.Sdk.Local.Compute;

namespace Substra.Sdk.Docker.Tests;

/// <summary>A task directory laid out like the local backend's (inputs/, outputs/, cli-args/) in a temp folder.</summary>
internal sealed class TaskWorkspace : IDisposable
{
    private readonly List<string> _arguments = [];
    private readonly List<string> _inputs = [];
    private readonly List<string> _outputs = [];
    private readonly Dictionary<string, string> _samples = [];

    public TaskWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "substra-docker-tests", Guid.NewGuid().ToString("N"));
        TaskKey = Guid.NewGuid().ToString();
        TaskDirectory = Path.Combine(Root, "local-worker", TaskKey);
        foreach (var folder in new[] { "inputs", "outputs", "cli-args" }) Directory.CreateDirectory(Path.Combine(TaskDirectory, folder));
    }

    public string Root { get; }

    public string TaskKey { get; }

    public string TaskDirectory { get; }

    public LogCapture Logs { get; } = new();

    /// <summary>The host paths of the outputs added so far.</summary>
    public List<string> Outputs { get; } = [];

    /// <summary>A model input: a file in inputs/ with the given content; returns its host path.</summary>
    public string AddModelInput(string identifier, string content)
    {
        var name = Guid.NewGuid().ToString();
        var path = Path.Combine(TaskDirectory, "inputs", name);
        File.WriteAllText(path, content);
        _inputs.Add(Resource(identifier, $"{SpawnRequest.InputsVolume}/{name}", multiple: false));
        return path;
    }

    /// <summary>A data sample folder outside the task directory holding one file.</summary>
    public string AddDataSample(string content)
    {
        var key = Guid.NewGuid().ToString();
        var folder = Path.Combine(Root, "samples", key);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "data.txt"), content);
        _samples[key] = folder;
        _inputs.Add(Resource("datasamples", $"{SpawnRequest.InputsVolume}/{key}", multiple: true));
        return folder;
    }

    /// <summary>An existing data sample folder (shared with other tasks) under <paramref name="key"/>.</summary>
    public void AddDataSample(string key, string folder)
    {
        _samples[key] = folder;
        _inputs.Add(Resource("datasamples", $"{SpawnRequest.InputsVolume}/{key}", multiple: true));
    }

    /// <summary>An output; returns its host path (written by the function).</summary>
    public string AddOutput(string identifier)
    {
        var name = Guid.NewGuid().ToString();
        _outputs.Add(Resource(identifier, $"{SpawnRequest.OutputsVolume}/{name}", multiple: false));
        Outputs.Add(Path.Combine(TaskDirectory, "outputs", name));
        return Outputs[^1];
    }

    public SpawnRequest Request(FunctionArchive archive, int rank = 0, TimeSpan? timeout = null) => Request(archive.Path, archive.Checksum, [], rank, timeout);

    /// <summary>A request for any archive; <paramref name="leadingArguments"/> come first, as the worker puts <c>--fake-data</c>.</summary>
    public SpawnRequest Request(string archivePath, string checksum, IReadOnlyList<string> leadingArguments, int rank = 0, TimeSpan? timeout = null) => new(
        TaskKey,
        archivePath,
        checksum,
        TaskDirectory,
        [
            .. leadingArguments,
            "--task-properties", $"{{\"rank\": {rank}}}",
            "--inputs", "[" + string.Join(", ", _inputs) + "]",
            "--outputs", "[" + string.Join(", ", _outputs) + "]",
            "--log-level", "warning",
        ],
        _samples,
        Logs,
        timeout);

    private static string Resource(string identifier, string value, bool multiple) =>
        $"{{\"id\": \"{identifier}\", \"value\": \"{value}\", \"multiple\": {(multiple ? "true" : "false")}}}";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using Substra.Tools.Cli;
using Substra.Tools.Tests.Support;

namespace Substra.Tools.Tests.Python;

/// <summary>
/// One task of the bridge fixture app, laid out as the local worker does: a Python opener at <c>inputs/opener.py</c>, data
/// sample folders, the <c>summary</c> output. The process gets its own temp folder (TMPDIR), so that tests see what the
/// bridge leaves there.
/// </summary>
public sealed class BridgeTask : IDisposable
{
    private readonly TaskFolder _folder = new();
    private readonly List<string> _samples = [];

    public BridgeTask(string opener)
    {
        File.Copy(Fixtures.BridgeOpener(opener), OpenerPath);
        Directory.CreateDirectory(TempFolder);
        Environment["SUBSTRA_PYTHON"] = Fixtures.PythonExecutable;
        Environment["TMPDIR"] = TempFolder;
    }

    public string OpenerPath => _folder.Input("opener.py");

    public string SummaryPath => _folder.Output("summary");

    public string TempFolder => System.IO.Path.Combine(_folder.Path, "tmp");

    public string Path => _folder.Path;

    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a data sample folder with one file.</summary>
    public string AddSample(string key, string fileName, string content)
    {
        var sample = _folder.Input(key);
        Directory.CreateDirectory(sample);
        File.WriteAllText(System.IO.Path.Combine(sample, fileName), content);
        _samples.Add(sample);
        return sample;
    }

    public string[] Arguments(string function, int? fakeSamples = null)
    {
        var inputs = new List<TaskResource> { new("opener", OpenerPath, false) };
        inputs.AddRange(_samples.Select(sample => new TaskResource("datasamples", sample, true)));
        var arguments = new List<string>
        {
            "--function-name", function,
            "--inputs", TaskResources.Format(inputs),
            "--outputs", TaskResources.Format([new TaskResource("summary", SummaryPath, false)]),
        };
        if (fakeSamples is { } n)
        {
            arguments.AddRange(["--fake-data", "--n-fake-samples", n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return [.. arguments];
    }

    public Task<ProcessResult> RunAsync(string function, int? fakeSamples = null)
        => ProcessRunner.RunAsync("dotnet", [Fixtures.PythonBridgeDll, .. Arguments(function, fakeSamples)], _folder.Path, Environment);

    public Process Start(string function)
        => ProcessRunner.Start("dotnet", [Fixtures.PythonBridgeDll, .. Arguments(function)], _folder.Path, Environment);

    public JsonElement Summary()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SummaryPath));
        return document.RootElement.Clone();
    }

    /// <summary>What the bridge left in the task's temp folder (it must leave nothing).</summary>
    public IReadOnlyList<string> BridgeLeftovers()
        => Directory.EnumerateFileSystemEntries(TempFolder, "substra-bridge-*").ToList();

    public void Dispose() => _folder.Dispose();
}

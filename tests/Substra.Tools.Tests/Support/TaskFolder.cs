using Substra.Tools.Cli;

namespace Substra.Tools.Tests.Support;

/// <summary>A task directory as the local worker lays it out: <c>inputs/</c>, <c>outputs/</c>, <c>cli-args/</c>.</summary>
internal sealed class TaskFolder : IDisposable
{
    private readonly TempDirectory _root = new();

    public TaskFolder()
    {
        Directory.CreateDirectory(Inputs);
        Directory.CreateDirectory(Outputs);
        Directory.CreateDirectory(CliArgs);
    }

    public string Path => _root.Path;

    public string Inputs => _root.Combine("inputs");

    public string Outputs => _root.Combine("outputs");

    public string CliArgs => _root.Combine("cli-args");

    public string Input(string name) => System.IO.Path.Combine(Inputs, name);

    public string Output(string name) => System.IO.Path.Combine(Outputs, name);

    public string WriteInput(string name, string content) => _root.WriteFile(System.IO.Path.Combine("inputs", name), content);

    /// <summary>A data sample folder <c>inputs/&lt;key&gt;/data.csv</c>.</summary>
    public string WriteSample(string key, string csv)
    {
        _root.WriteFile(System.IO.Path.Combine("inputs", key, "data.csv"), csv);
        return Input(key);
    }

    public string WriteArguments(string text) => _root.WriteFile(System.IO.Path.Combine("cli-args", "arguments.txt"), text);

    public static string Resources(params TaskResource[] resources) => TaskResources.Format(resources);

    public void Dispose() => _root.Dispose();
}

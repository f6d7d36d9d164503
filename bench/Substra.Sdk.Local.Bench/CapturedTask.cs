using Substra.Sdk.Local.Compute;
using Substra.Tools.Cli;

namespace Substra.Sdk.Local.Bench;

/// <summary>
/// A copy of a finished task's folder (its arguments.txt and inputs), with the paths in arguments.txt pointing into the
/// copy, so that the very same function command line can be run again without the backend.
/// </summary>
internal static class CapturedTask
{
    public static void Copy(string taskDirectory, string folder)
    {
        var source = Path.GetFullPath(taskDirectory);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        foreach (var volume in new[] { "inputs", "outputs", "cli-args" })
        {
            Directory.CreateDirectory(Path.Combine(folder, volume));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(source, "inputs")))
        {
            File.Copy(file, Path.Combine(folder, "inputs", Path.GetFileName(file)));
        }

        var captured = TaskCommandLine.Parse(["@" + ArgumentsFile(source)]);
        string Moved(string value) => value.Replace(source, Path.GetFullPath(folder), StringComparison.Ordinal);
        var moved = captured with
        {
            Inputs = [.. captured.Inputs.Select(resource => resource with { Value = Moved(resource.Value) })],
            Outputs = [.. captured.Outputs.Select(resource => resource with { Value = Moved(resource.Value) })],
        };
        File.WriteAllText(ArgumentsFile(folder), moved.ToArgumentsFileText());
    }

    public static string ArgumentsFile(string folder) => Path.Combine(folder, "cli-args", TaskArgumentsFile.FileName);
}

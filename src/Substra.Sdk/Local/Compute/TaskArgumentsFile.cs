using Substra.Tools.Cli;

namespace Substra.Sdk.Local.Compute;

/// <summary>
/// The one writer of a task's <c>cli-args/arguments.txt</c>, for every spawner: the request's arguments are read as the
/// runtime's <see cref="TaskCommandLine"/>, the volume placeholders in the resource paths are replaced by the spawner's
/// paths (JSON-escaped, never pasted into the JSON text), and the file is written as the reference writes it: one
/// argument per line, each line ending in <c>\n</c>.
/// </summary>
internal static class TaskArgumentsFile
{
    /// <summary>The name of the arguments file in the task's <c>cli-args/</c> folder.</summary>
    public const string FileName = "arguments.txt";

    /// <summary>
    /// Writes <c>&lt;<paramref name="cliArgsDirectory"/>&gt;/arguments.txt</c> and returns its path.
    /// <paramref name="functionName"/> goes first when given (the subprocess spawner; a container's ENTRYPOINT holds it).
    /// </summary>
    /// <exception cref="ExecutionException">The arguments break the substratools contract, which the function would refuse.</exception>
    public static string Write(string cliArgsDirectory, SpawnRequest request, string? functionName, TaskVolumes volumes)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = Path.Combine(cliArgsDirectory, FileName);
        File.WriteAllText(path, Text(request, functionName, volumes));
        return path;
    }

    /// <summary>The text <see cref="Write"/> writes.</summary>
    public static string Text(SpawnRequest request, string? functionName, TaskVolumes volumes)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyList<string> arguments = functionName is null ? request.Arguments : ["--function-name", functionName, .. request.Arguments];
        TaskCommandLine commandLine;
        try
        {
            commandLine = TaskCommandLine.ParseExpanded(arguments);
        }
        catch (InvalidCliException e)
        {
            throw new ExecutionException($"The command line of task {request.TaskKey} breaks the substratools contract: {e.Message}", inner: e);
        }

        commandLine = commandLine with
        {
            Inputs = [.. commandLine.Inputs.Select(resource => resource with { Value = volumes.Substitute(resource.Value) })],
            Outputs = [.. commandLine.Outputs.Select(resource => resource with { Value = volumes.Substitute(resource.Value) })],
            LogPath = commandLine.LogPath is { } logPath ? volumes.Substitute(logPath) : null,
        };
        try
        {
            return commandLine.ToArgumentsFileText();
        }
        catch (InvalidOperationException e)
        {
            throw new ExecutionException($"The command line of task {request.TaskKey} cannot be written: {e.Message}", inner: e);
        }
    }
}

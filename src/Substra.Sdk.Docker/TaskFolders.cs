using Substra.Sdk.Local.Compute;

namespace Substra.Sdk.Docker;

/// <summary>The host side of the container's mounts: the task's inputs, outputs and cli-args folders, in <paramref name="Root"/>.</summary>
internal sealed record TaskFolders(string Root)
{
    public string Inputs => Path.Combine(Root, "inputs");

    public string Outputs => Path.Combine(Root, "outputs");

    public string CliArgs => Path.Combine(Root, "cli-args");

    /// <summary>
    /// Writes <c>cli-args/arguments.txt</c> with the container paths, opens <c>outputs/</c> to the container's user and
    /// creates the mount points of the data samples (the inputs mount is read-only, so the engine could not create them).
    /// </summary>
    public static TaskFolders Prepare(SpawnRequest request)
    {
        var taskDirectory = Path.GetFullPath(request.TaskDirectory);
        if (!Directory.Exists(taskDirectory))
        {
            throw new BuildException($"The task directory '{taskDirectory}' does not exist; the local backend creates it before spawning.");
        }

        var folders = new TaskFolders(taskDirectory);
        Directory.CreateDirectory(folders.Inputs);
        Directory.CreateDirectory(folders.Outputs);
        Directory.CreateDirectory(folders.CliArgs);

        foreach (var (sampleKey, samplePath) in request.DataSamples)
        {
            if (sampleKey.Length == 0 || sampleKey is "." or ".." || sampleKey.IndexOfAny(['/', '\\', '\0']) >= 0)
            {
                throw new BuildException($"The data sample key '{sampleKey}' cannot name a folder; sample keys are UUIDs.");
            }

            if (!Directory.Exists(samplePath))
            {
                throw new ExecutionException($"The folder '{samplePath}' of data sample {sampleKey} does not exist.");
            }

            Directory.CreateDirectory(Path.Combine(folders.Inputs, sampleKey));
        }

        TaskArgumentsFile.Write(folders.CliArgs, request, functionName: null,
            new TaskVolumes(DockerSpawner.InputsPath, DockerSpawner.OutputsPath, DockerSpawner.CliArgsPath));

        if (!OperatingSystem.IsWindows())
        {
            // The container runs as a non-root user that owns nothing on the host: it must read inputs and write outputs.
            const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            const UnixFileMode writable = readable | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
            File.SetUnixFileMode(folders.Inputs, readable);
            File.SetUnixFileMode(folders.CliArgs, readable);
            File.SetUnixFileMode(folders.Outputs, writable);
        }

        return folders;
    }
}

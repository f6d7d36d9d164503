using System.Globalization;
using System.Text;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Compute;
using Substra.Sdk.Local.Compute.Archives;
using Substra.Sdk.Local.Compute.Subprocess;

namespace Substra.Sdk.Local.Registration;

/// <summary>
/// Checks a function archive when it is registered, as the platform's build step would refuse it, without extracting
/// anything to disk: a zip or tar(.gz) whose every entry is a file or folder inside the archive, given once, within the
/// <see cref="ArchiveLimits"/> by its declared sizes, with a <c>Dockerfile</c> at its root whose ENTRYPOINT is in exec
/// form and names the function. The spawners check the same again on the bytes they actually expand.
/// </summary>
internal static class FunctionArchiveInspector
{
    /// <summary>The largest Dockerfile read (1 MiB); real ones are a few hundred bytes.</summary>
    public const int MaxDockerfileBytes = 1024 * 1024;

    private const string DockerfileName = "Dockerfile";

    /// <exception cref="InvalidRequestException">The archive is missing, malformed, unsafe, too large, or has no usable Dockerfile.</exception>
    /// <exception cref="NotSupportedException">The archive is a tar compressed with bzip2, xz or zstandard.</exception>
    public static InspectedFunctionArchive Inspect(string archivePath, ArchiveLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archivePath);
        if (!File.Exists(archivePath))
        {
            throw new InvalidRequestException(
                $"Could not register the function archive '{archivePath}': it is not an existing file. Give the path of the archive " +
                $"(relative to {Environment.CurrentDirectory}).", 400);
        }

        string? dockerfile = null;
        ArchiveWalk walk;
        try
        {
            walk = ArchiveWalker.Walk(archivePath, limits ?? ArchiveLimits.Default, SizeCheck.Declared, item =>
            {
                if (!item.IsDirectory && item.Path == DockerfileName)
                {
                    dockerfile = ReadDockerfile(archivePath, item);
                }
            }, cancellationToken);
        }
        catch (Exception e) when (e is UnsafeArchiveException or InvalidDataException)
        {
            throw new InvalidRequestException(e.Message, 400, innerException: e);
        }

        if (dockerfile is null)
        {
            throw new InvalidRequestException(
                $"Couldn't get entrypoint in Dockerfile: the function archive '{archivePath}' has no '{DockerfileName}' at its root, so it " +
                $"cannot be built. Add one with a line such as: {DockerfileEntrypoint.Example}", 400);
        }

        DockerfileEntrypoint entrypoint;
        try
        {
            entrypoint = DockerfileEntrypoint.Parse(dockerfile);
        }
        catch (BuildException e)
        {
            throw new InvalidRequestException($"The function archive '{archivePath}' cannot be built: {e.Message}", 400, innerException: e);
        }

        return new InspectedFunctionArchive(archivePath, walk.Format, walk.Entries, walk.ExpandedBytes, entrypoint);
    }

    private static string ReadDockerfile(string archivePath, ArchiveItem item)
    {
        if (item.Length > MaxDockerfileBytes)
        {
            throw new InvalidRequestException(
                string.Create(CultureInfo.InvariantCulture,
                    $"The Dockerfile of the function archive '{archivePath}' is {item.Length:N0} bytes, more than the 1 MiB allowed for a ") +
                "Dockerfile. Keep only the build instructions in it and ship data as other files.", 400);
        }

        var buffer = new byte[item.Length];
        int read;
        using (var content = item.OpenContent())
        {
            read = content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }

        // As File.ReadAllText, which the subprocess spawner reads it with: a UTF-8 byte order mark is not text.
        return Encoding.UTF8.GetString(buffer, 0, read).TrimStart('\uFEFF');
    }
}

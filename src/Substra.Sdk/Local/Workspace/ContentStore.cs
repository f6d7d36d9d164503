using System.Security.Cryptography;

namespace Substra.Sdk.Local.Workspace;

/// <summary>
/// Registered files and kept models under <c>files/&lt;sha256&gt;/&lt;role&gt;</c>: a file's folder is its content hash,
/// so a file registered twice is stored once and a stored file is never rewritten. Stored files are read-only.
/// </summary>
internal sealed class ContentStore(LocalWorkspace workspace)
{
    /// <summary>The file names a stored file can have: fixed by the platform, never taken from the user's file name.</summary>
    public static class Roles
    {
        public const string FunctionArchive = "function-archive";
        public const string Description = "description.md";
        public const string Opener = "opener.py";
        public const string Model = "model";
    }

    /// <summary>Copies <paramref name="source"/> into the store; returns its SHA-256 and its stored path.</summary>
    public async Task<(string Checksum, string Path)> AddCopyAsync(string source, string role, CancellationToken cancellationToken)
    {
        var incoming = IncomingPath();
        try
        {
            string checksum;
            var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using (input.ConfigureAwait(false))
            {
                var output = new FileStream(incoming, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (output.ConfigureAwait(false))
                using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                {
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }

                    checksum = Convert.ToHexStringLower(hash.GetHashAndReset());
                }
            }

            return (checksum, Commit(incoming, checksum, role));
        }
        finally
        {
            File.Delete(incoming);
        }
    }

    /// <summary>Moves a file the platform produced (a task output) into the store.</summary>
    public (string Checksum, string Path) AddByMove(string produced, string role)
    {
        string checksum;
        using (var stream = File.OpenRead(produced))
        {
            checksum = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        return (checksum, Commit(produced, checksum, role));
    }

    /// <summary>Stores a file that <paramref name="write"/> makes at the path it is given (a download, generated text).</summary>
    public async Task<(string Checksum, string Path)> AddWrittenAsync(Func<string, Task> write, string role)
    {
        var incoming = IncomingPath();
        try
        {
            await write(incoming).ConfigureAwait(false);
            return AddByMove(incoming, role);
        }
        finally
        {
            File.Delete(incoming);
        }
    }

    /// <summary>Deletes a stored file (its folder too once empty); the caller checks nothing else refers to it.</summary>
    public void Delete(string storedPath)
    {
        workspace.EnsureInside(storedPath);
        if (!storedPath.StartsWith(workspace.FilesDirectory + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{storedPath}' is not a stored file of {workspace.FilesDirectory}.");
        }

        if (File.Exists(storedPath))
        {
            File.SetAttributes(storedPath, FileAttributes.Normal);
            File.Delete(storedPath);
        }

        var folder = System.IO.Path.GetDirectoryName(storedPath)!;
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }

    private string Commit(string file, string checksum, string role)
    {
        var folder = System.IO.Path.Combine(workspace.FilesDirectory, checksum);
        Directory.CreateDirectory(folder);
        var destination = System.IO.Path.Combine(folder, role);
        if (File.Exists(destination))
        {
            // Same content already stored: keep the stored copy.
            File.Delete(file);
            return destination;
        }

        File.Move(file, destination);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(destination, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        return destination;
    }

    private string IncomingPath()
    {
        var folder = System.IO.Path.Combine(workspace.FilesDirectory, ".incoming");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, Guid.NewGuid().ToString("N"));
    }
}

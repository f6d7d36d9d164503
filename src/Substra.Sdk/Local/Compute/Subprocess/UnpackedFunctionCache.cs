using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Substra.Sdk.Local.Compute.Archives;

namespace Substra.Sdk.Local.Compute.Subprocess;

/// <summary>
/// Unpacks each function archive once, into <c>&lt;root&gt;/&lt;sha256&gt;/</c>, and hands the same folder to every task of that
/// function. Concurrent tasks share one extraction; extraction goes to a temporary folder renamed into place, so a
/// half-written folder is never seen, even by another process. Extraction stops at <paramref name="limits"/>.
/// </summary>
internal sealed partial class UnpackedFunctionCache(string root, ArchiveLimits limits)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _unpacking = new(StringComparer.Ordinal);

    public string Root { get; } = Path.GetFullPath(root);

    public async Task<string> GetOrUnpackAsync(string archivePath, string checksum, CancellationToken cancellationToken)
    {
        if (!Sha256Hex().IsMatch(checksum))
        {
            throw new ArgumentException($"The archive checksum must be a lowercase SHA-256 hex digest, got '{checksum}'.", nameof(checksum));
        }

        var lazy = _unpacking.GetOrAdd(checksum, key => new Lazy<Task<string>>(() => Task.Run(() => Unpack(archivePath, key), CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (lazy.Value.IsFaulted)
        {
            // A failed extraction is not cached: the next task retries it (the archive may have been fixed).
            _unpacking.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(checksum, lazy));
            throw;
        }
    }

    private string Unpack(string archivePath, string checksum)
    {
        var final = Path.Combine(Root, checksum);
        if (Directory.Exists(final))
        {
            return final;
        }

        Directory.CreateDirectory(Root);
        var staging = Path.Combine(Root, $".{checksum}.{Guid.NewGuid():N}.tmp");
        try
        {
            SafeArchiveExtractor.Extract(archivePath, staging, limits);
            try
            {
                Directory.Move(staging, final);
            }
            catch (IOException) when (Directory.Exists(final))
            {
                // Another process unpacked the same archive first; its folder is identical.
            }
        }
        catch (Exception e) when (e is UnsafeArchiveException or InvalidDataException or NotSupportedException)
        {
            throw new BuildException(e.Message, inner: e);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return final;
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}

using System.IO.Compression;
using System.Text;

namespace Substra.Tools.Openers;

/// <summary>
/// Reads and writes opener artifacts: a zip whose entry <c>substra-opener.json</c> is an <see cref="OpenerManifest"/> and
/// whose other entries are the opener project's runtime files. Artifacts are recognised by content, never by file name
/// (the platform stores them as <c>opener.py</c>). The format is specified in docs/opener-artifact.md.
/// </summary>
internal static class OpenerArtifact
{
    /// <summary>The manifest entry name.</summary>
    public const string ManifestEntryName = "substra-opener.json";

    /// <summary>The conventional file extension of an artifact.</summary>
    public const string FileExtension = ".opener";

    /// <summary>The timestamp of every entry, so that the same files give the same bytes.</summary>
    public static readonly DateTimeOffset EntryTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int SniffLength = 64 * 1024;

    /// <summary>Tells what the file is from its content.</summary>
    public static OpenerFileKind Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        var head = new byte[Math.Min(SniffLength, stream.Length)];
        stream.ReadExactly(head);
        if (head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2], head[3]) is (3, 4) or (5, 6))
        {
            stream.Position = 0;
            try
            {
                using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
                return zip.GetEntry(ManifestEntryName) is null ? OpenerFileKind.ZipWithoutManifest : OpenerFileKind.DotNetArtifact;
            }
            catch (InvalidDataException)
            {
                return OpenerFileKind.Unknown;
            }
        }

        return LooksLikeText(head) ? OpenerFileKind.PythonModule : OpenerFileKind.Unknown;
    }

    /// <summary>Reads the manifest of an artifact, with an error that says what the file is when it is not an artifact.</summary>
    /// <exception cref="OpenerArtifactException">The file is not a valid .NET opener artifact.</exception>
    public static OpenerManifest ReadManifest(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        EnsureArtifact(path);
        using var zip = ZipFile.OpenRead(path);
        return ReadManifest(zip, path);
    }

    /// <summary>Throws a clear error unless <paramref name="path"/> is a .NET opener artifact.</summary>
    /// <exception cref="OpenerArtifactException">The file is missing or not a .NET opener artifact.</exception>
    public static void EnsureArtifact(string path)
    {
        if (!File.Exists(path))
        {
            throw new OpenerArtifactException($"The opener file '{path}' does not exist.");
        }

        switch (Detect(path))
        {
            case OpenerFileKind.DotNetArtifact:
                return;
            case OpenerFileKind.PythonModule:
                throw new OpenerArtifactException(
                    $"The opener '{path}' is a Python opener (a text module), not a .NET opener artifact. "
                    + "A .NET function reads it through the Python bridge when its parameter is declared [DataSamples(PythonOpener = true)]; "
                    + "otherwise register the dataset with a .NET opener artifact (dotnet build of a project with a [SubstraOpener] class gives <name>.opener).");
            case OpenerFileKind.ZipWithoutManifest:
                throw new OpenerArtifactException(
                    $"The opener '{path}' is a zip file without a '{ManifestEntryName}' entry, so it is not a .NET opener artifact. "
                    + "Use the <name>.opener file that dotnet build writes for a project with a [SubstraOpener] class.");
            default:
                throw new OpenerArtifactException(
                    $"The opener '{path}' is neither a .NET opener artifact (a zip with a '{ManifestEntryName}' entry) nor a Python opener. "
                    + "Check the dataset's opener file.");
        }
    }

    /// <summary>
    /// Writes an artifact: the manifest and the given files, entries sorted by name (ordinal), every timestamp 1980-01-01,
    /// deflate with <see cref="CompressionLevel.Optimal"/>. The same inputs give the same bytes.
    /// </summary>
    /// <exception cref="ArgumentException">An entry name is invalid, repeated, or the manifest's name.</exception>
    public static void Write(Stream destination, OpenerManifest manifest, IEnumerable<OpenerArtifactEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(entries);
        var files = entries.ToList();
        foreach (var entry in files)
        {
            ValidateEntryName(entry.Name);
        }

        var duplicate = files.GroupBy(entry => entry.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The entry '{duplicate.Key}' is given more than once.", nameof(entries));
        }

        if (!files.Any(entry => entry.Name == manifest.Assembly))
        {
            throw new ArgumentException($"The manifest names the assembly '{manifest.Assembly}', which is not among the entries.", nameof(entries));
        }

        var manifestBytes = Encoding.UTF8.GetBytes(manifest.ToJson());
        var ordered = files
            .Select(entry => (entry.Name, Source: (string?)entry.SourcePath))
            .Append((Name: ManifestEntryName, Source: null))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal);

        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, source) in ordered)
        {
            var zipEntry = zip.CreateEntry(name, CompressionLevel.Optimal);
            zipEntry.LastWriteTime = EntryTimestamp;
            using var output = zipEntry.Open();
            if (source is null)
            {
                output.Write(manifestBytes);
            }
            else
            {
                using var input = File.OpenRead(source);
                input.CopyTo(output);
            }
        }
    }

    /// <summary>Writes an artifact to <paramref name="path"/> with every file at the zip root under its file name.</summary>
    public static void Write(string path, OpenerManifest manifest, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(files);
        var entries = files.Select(file => new OpenerArtifactEntry(Path.GetFileName(file), file)).ToList();
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            Write(stream, manifest, entries);
        }

        File.Move(temporary, path, overwrite: true);
    }

    internal static OpenerManifest ReadManifest(ZipArchive zip, string source)
    {
        var entry = zip.GetEntry(ManifestEntryName)
            ?? throw new OpenerArtifactException($"The opener artifact '{source}' has no '{ManifestEntryName}' entry.");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        var manifest = OpenerManifest.Parse(reader.ReadToEnd(), source);
        if (zip.GetEntry(manifest.Assembly) is null)
        {
            throw new OpenerArtifactException(
                $"The opener artifact '{source}' names the assembly '{manifest.Assembly}', but has no such entry at its root.");
        }

        return manifest;
    }

    private static void ValidateEntryName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('\\') || name.StartsWith('/') || name.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"The entry name '{name}' is not a relative path with '/' separators.", nameof(name));
        }

        if (name == ManifestEntryName)
        {
            throw new ArgumentException($"The entry name '{ManifestEntryName}' is reserved for the manifest.", nameof(name));
        }
    }

    /// <summary>UTF-8 (strict) without NUL characters: what a Python module looks like.</summary>
    private static bool LooksLikeText(byte[] head)
    {
        if (head.Length == 0 || Array.IndexOf(head, (byte)0) >= 0)
        {
            return false;
        }

        try
        {
            // A multi-byte character cut at the end of the sniffed block is not an error.
            var length = head.Length;
            if (length == SniffLength)
            {
                length--;
                while (length > 0 && (head[length] & 0xC0) == 0x80)
                {
                    length--;
                }
            }

            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(head, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}

namespace Substra.Build.IO;

/// <summary>Writes a file only when its bytes change, so that an unchanged output keeps its timestamp.</summary>
internal static class FileUpdater
{
    /// <returns><c>true</c> when the file was (re)written.</returns>
    public static bool WriteIfChanged(string path, byte[] content)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length == content.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return false;
        }

        Directory.CreateDirectory(info.DirectoryName!);
        // Write beside, then move: a reader never sees half an archive.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
        return true;
    }
}

using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Substra.Sdk.Local.Tests.Infrastructure;

/// <summary>Zip and tar archives written by tests, well-formed or hostile (bombs, forged sizes, links, devices).</summary>
public static class TestArchives
{
    public const int MiB = 1024 * 1024;

    /// <summary>A zip holding a valid Dockerfile for <paramref name="functionName"/> (unless null), then what <paramref name="fill"/> adds.</summary>
    public static string Zip(string folder, Action<ZipArchive> fill, string? functionName = "train")
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        if (functionName is not null)
        {
            PythonFunctions.AddText(zip, "Dockerfile", PythonFunctions.Dockerfile(functionName));
        }

        fill(zip);
        return path;
    }

    /// <summary>A tar (gzipped or not) holding a valid Dockerfile for <paramref name="functionName"/> (unless null), then what <paramref name="fill"/> adds.</summary>
    public static string Tar(string folder, bool gzip, Action<TarWriter> fill, string? functionName = "train")
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.tar{(gzip ? ".gz" : "")}");
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            if (functionName is not null)
            {
                AddText(writer, "Dockerfile", PythonFunctions.Dockerfile(functionName));
            }

            fill(writer);
        }

        return path;
    }

    public static void AddText(TarWriter writer, string name, string text) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });

    public static void AddBytes(TarWriter writer, string name, byte[] content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });

    /// <summary>An entry of <paramref name="length"/> zero bytes: deflate shrinks it about 1,000 times, as a bomb does.</summary>
    public static void AddZeros(ZipArchive zip, string name, long length)
    {
        using var content = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        var chunk = new byte[MiB];
        for (var written = 0L; written < length; written += chunk.Length)
        {
            content.Write(chunk, 0, (int)Math.Min(chunk.Length, length - written));
        }
    }

    /// <summary>An entry of <paramref name="length"/> random bytes, stored as they are (nothing to compress).</summary>
    public static void AddRandom(ZipArchive zip, string name, long length, int seed = 1)
    {
        var random = new Random(seed);
        using var content = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        var chunk = new byte[MiB];
        for (var written = 0L; written < length; written += chunk.Length)
        {
            random.NextBytes(chunk);
            content.Write(chunk, 0, (int)Math.Min(chunk.Length, length - written));
        }
    }

    public static byte[] Random(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Rewrites the uncompressed size that the central directory declares for <paramref name="entryName"/>.</summary>
    public static void ForgeDeclaredSize(string zipPath, string entryName, uint declaredSize)
    {
        var bytes = File.ReadAllBytes(zipPath);
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var at = 0; at + 46 <= bytes.Length; at++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) == 0x02014b50 &&
                BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 28)) == name.Length &&
                bytes.AsSpan(at + 46, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 24), declaredSize);
                File.WriteAllBytes(zipPath, bytes);
                return;
            }
        }

        throw new InvalidOperationException($"No central directory record for {entryName} in {zipPath}.");
    }
}

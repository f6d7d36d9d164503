using System.IO.Compression;
using System.Security.Cryptography;

namespace Substra.Sdk.Local.Tests.Infrastructure;

/// <summary>Builds function archives of the Python test functions (Fixtures/Python), zipped with a Dockerfile as the platform expects.</summary>
public static class PythonFunctions
{
    public static string FixturesDirectory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Python");

    public static string OpenerPath => Path.Combine(FixturesDirectory, "opener.py");

    public static string Dockerfile(string functionName) =>
        $"FROM python:3.11-slim\nWORKDIR /substra\nCOPY . .\nENTRYPOINT [\"python3\", \"functions.py\", \"--function-name\", \"{functionName}\"]\n";

    /// <summary>A zip holding the Dockerfile for <paramref name="functionName"/>, functions.py and minitools.py.</summary>
    public static string Archive(string folder, string functionName, string? dockerfile = null)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{functionName}-{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        AddText(zip, "Dockerfile", dockerfile ?? Dockerfile(functionName));
        zip.CreateEntryFromFile(Path.Combine(FixturesDirectory, "functions.py"), "functions.py");
        zip.CreateEntryFromFile(Path.Combine(FixturesDirectory, "minitools.py"), "minitools.py");
        return path;
    }

    public static void AddText(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>A data-sample folder with data.csv rows x,y.</summary>
    public static string DataSample(string folder, params (double X, double Y)[] rows)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "data.csv"),
            rows.Select(row => FormattableString.Invariant($"{row.X},{row.Y}")));
        return folder;
    }
}

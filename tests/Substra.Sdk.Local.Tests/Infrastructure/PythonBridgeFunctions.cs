using System.IO.Compression;
using System.Reflection;

namespace Substra.Sdk.Local.Tests.Infrastructure;

/// <summary>
/// Archives of the C# functions that read Python openers (tests/fixtures/Substra.Tools.Fixture.PythonBridge), with the
/// Dockerfile dotnet build writes for them: FROM the offline .NET + Python image, and the line that installs Python,
/// numpy and pandas unless the image has them. The Python openers are those of Substra.Tools.Tests/python/bridge.
/// </summary>
public static class PythonBridgeFunctions
{
    /// <summary>The .NET runtime with Python 3, numpy and pandas, made offline by scripts/docker/make-base-images.sh.</summary>
    public const string BaseImage = "substra-dotnet-python:10.0";

    public static string BridgeDll => typeof(PythonBridgeFunctions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "FixturePythonBridgePath").Value!;

    public static string Opener(string fileName) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "PythonBridge", fileName);

    public static string Dockerfile(string functionName) =>
        $"FROM {BaseImage}\n"
        + "RUN python3 -c \"import numpy, pandas\" 2>/dev/null || { apt-get update && apt-get install -y --no-install-recommends python3 python3-numpy python3-pandas && rm -rf /var/lib/apt/lists/*; } "
        + "|| { echo \"Installing python3-numpy and python3-pandas failed: build FROM an image that has Python 3 with numpy and pandas (SubstraPythonBaseImage).\" >&2; exit 1; }\n"
        + "WORKDIR /app\nCOPY . /app/\n"
        + $"ENTRYPOINT [\"dotnet\", \"{Path.GetFileName(BridgeDll)}\", \"--function-name\", \"{functionName}\"]\n";

    public static string Archive(string folder, string functionName)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{functionName}-{Guid.NewGuid():N}.zip");
        var output = Path.GetDirectoryName(BridgeDll)!;
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        PythonFunctions.AddText(zip, "Dockerfile", Dockerfile(functionName));
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Where(file => !file.EndsWith(".pdb", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            zip.CreateEntryFromFile(file, Path.GetRelativePath(output, file).Replace('\\', '/'));
        }

        return path;
    }

    public static string Sha256(string path) => PythonFunctions.Sha256(path);

    /// <summary>A data sample folder holding one file.</summary>
    public static string Sample(string folder, string fileName, string content)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, fileName), content);
        return folder;
    }
}

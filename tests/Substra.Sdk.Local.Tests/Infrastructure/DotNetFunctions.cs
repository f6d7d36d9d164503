using System.IO.Compression;
using System.Reflection;
using Substra.Tools.Openers;

namespace Substra.Sdk.Local.Tests.Infrastructure;

/// <summary>
/// Function archives and an opener artifact made from the runtime's fixture app and opener (tests/fixtures), as
/// <c>dotnet build</c> leaves them: the app's output folder zipped with a Dockerfile whose ENTRYPOINT runs the dll.
/// </summary>
public static class DotNetFunctions
{
    public static string FunctionsDll => Metadata("FixtureFunctionsPath");

    public static string OpenerDll => Metadata("FixtureOpenerPath");

    public static string Archive(string folder, string functionName)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{functionName}-{Guid.NewGuid():N}.zip");
        var output = Path.GetDirectoryName(FunctionsDll)!;
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        PythonFunctions.AddText(zip, "Dockerfile",
            "FROM mcr.microsoft.com/dotnet/runtime:10.0\nWORKDIR /app\nCOPY . .\n" +
            $"ENTRYPOINT [\"dotnet\", \"/app/{Path.GetFileName(FunctionsDll)}\", \"--function-name\", \"{functionName}\"]\n");
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            zip.CreateEntryFromFile(file, Path.GetRelativePath(output, file).Replace('\\', '/'));
        }

        return path;
    }

    public static string OpenerArtifact(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "csv.opener");
        Substra.Tools.Openers.OpenerArtifact.Write(path,
            new OpenerManifest("csv", "Substra.Tools.Fixture.Opener.dll", "Substra.Tools.Fixture.Opener.SubstraGeneratedOpenerFactory"),
            Directory.GetFiles(Path.GetDirectoryName(OpenerDll)!, "*.dll"));
        return path;
    }

    private static string Metadata(string key) =>
        typeof(DotNetFunctions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
            ?? throw new InvalidOperationException($"The test assembly has no {key} metadata.");
}

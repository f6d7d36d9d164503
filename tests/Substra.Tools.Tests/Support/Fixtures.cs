using System.Reflection;
using Substra.Tools.Openers;

namespace Substra.Tools.Tests.Support;

/// <summary>The fixture function app and opener built with this test project, and the opener artifact made from the latter.</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Artifact = new(BuildOpenerArtifact);

    public static string FunctionsDll => Metadata("FixtureFunctionsPath");

    public static string GeneratedDll => Metadata("FixtureGeneratedPath");

    public static string OpenerDll => Metadata("FixtureOpenerPath");

    /// <summary>The C# functions that read Python openers (tests/fixtures/Substra.Tools.Fixture.PythonBridge).</summary>
    public static string PythonBridgeDll => Metadata("FixturePythonBridgePath");

    /// <summary>A Python opener written for the bridge tests (python/bridge/).</summary>
    public static string BridgeOpener(string fileName) => Path.Combine(AppContext.BaseDirectory, "python", "bridge", fileName);

    public static string PythonScript => Path.Combine(AppContext.BaseDirectory, "python", "contract_function.py");

    public static string PythonOpener => Path.Combine(AppContext.BaseDirectory, "python", "csv_opener.py");

    public static string PythonExecutable => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>The fixture opener packaged with <see cref="OpenerArtifact.Write(string, OpenerManifest, IEnumerable{string})"/>.</summary>
    public static string OpenerArtifactPath => Artifact.Value;

    public static OpenerManifest OpenerManifest { get; } =
        new("csv", "Substra.Tools.Fixture.Opener.dll", "Substra.Tools.Fixture.Opener.SubstraGeneratedOpenerFactory");

    private static string BuildOpenerArtifact()
    {
        var folder = Path.Combine(Path.GetTempPath(), "substra-tools-tests", "artifacts");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"csv-{Guid.NewGuid():N}.opener");
        var files = Directory.GetFiles(Path.GetDirectoryName(OpenerDll)!, "*.dll");
        OpenerArtifact.Write(path, OpenerManifest, files);
        return path;
    }

    private static string Metadata(string key)
        => typeof(Fixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
            ?? throw new InvalidOperationException($"The test assembly has no {key} metadata.");
}

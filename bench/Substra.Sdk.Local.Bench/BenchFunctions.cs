using System.IO.Compression;

namespace Substra.Sdk.Local.Bench;

/// <summary>A trivial stdlib-only Python function honouring the substratools contract: it writes every output.</summary>
internal static class BenchFunctions
{
    private const string Script = """
        import json, sys
        args = open(sys.argv[-1][1:]).read().split("\n")
        outputs = json.loads(args[args.index("--outputs") + 1])
        for output in outputs:
            with open(output["value"], "w") as f:
                f.write("{\"value\": 1.0}")
        """;

    public static string NoopArchive(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "noop.zip");
        if (File.Exists(path))
        {
            return path;
        }

        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Write(zip, "Dockerfile", "FROM python:3.11-slim\nCOPY . .\nENTRYPOINT [\"python3\", \"noop.py\", \"--function-name\", \"noop\"]\n");
        Write(zip, "noop.py", Script);
        return path;
    }

    /// <summary>The script alone, to time the interpreter's own start-up.</summary>
    public static string ScriptFile(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "noop.py");
        File.WriteAllText(path, Script);
        return path;
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }
}

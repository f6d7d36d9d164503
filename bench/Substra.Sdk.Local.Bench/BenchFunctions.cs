using System.IO.Compression;

namespace Substra.Sdk.Local.Bench;

/// <summary>Trivial stdlib-only Python functions honouring the substratools contract.</summary>
internal static class BenchFunctions
{
    /// <summary>The Python twin of bench/Substra.Bench.TrivialFunction's <c>copy</c>; without an input it writes 1 KB.</summary>
    private const string CopyScript = """
        import json, sys
        args = open(sys.argv[-1][1:]).read().split("\n")
        inputs = [i["value"] for i in json.loads(args[args.index("--inputs") + 1]) if i["id"] == "model"]
        data = open(inputs[0], "rb").read() if inputs else b"\0" * 1024
        for output in json.loads(args[args.index("--outputs") + 1]):
            with open(output["value"], "wb") as f:
                f.write(data)
        """;

    private const string Script = """
        import json, sys
        args = open(sys.argv[-1][1:]).read().split("\n")
        outputs = json.loads(args[args.index("--outputs") + 1])
        for output in outputs:
            with open(output["value"], "w") as f:
                f.write("{\"value\": 1.0}")
        """;

    public static string NoopArchive(string folder) => PythonArchive(folder, "noop", Script);

    public static string CopyArchive(string folder) => PythonArchive(folder, "copy", CopyScript);

    // A Python function archive whose entry point runs <name>.py --function-name <name>; made once per folder.
    private static string PythonArchive(string folder, string name, string script)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".zip");
        if (File.Exists(path))
        {
            return path;
        }

        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Write(zip, "Dockerfile", $"FROM python:3.11-slim\nCOPY . .\nENTRYPOINT [\"python3\", \"{name}.py\", \"--function-name\", \"{name}\"]\n");
        Write(zip, name + ".py", script);
        return path;
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }
}

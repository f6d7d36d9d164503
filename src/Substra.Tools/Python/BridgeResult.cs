using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Substra.Tools.Python;

/// <summary>
/// Reads what the bridge script wrote into its output folder: <c>manifest.json</c> (the shape of the value) and one
/// <c>.npy</c> or <c>.json</c> file per column or array (docs/python-openers.md describes the format).
/// </summary>
internal static partial class BridgeResult
{
    public const string ManifestFile = "manifest.json";
    public const string Format = "substra-python-bridge";
    public const int Version = 1;

    public static PythonValue Read(string folder)
    {
        try
        {
            return ReadManifest(folder);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            throw Invalid($"{exception.Message}");
        }
    }

    private static PythonValue ReadManifest(string folder)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(Path.Combine(folder, ManifestFile)), new JsonDocumentOptions { MaxDepth = 64 });
        var root = document.RootElement;
        if (String(root, "format") != Format || !root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var number) || number != Version)
        {
            throw Invalid($"it is not a {Format} version {Version} manifest");
        }

        return ReadValue(folder, Property(root, "value"), "the result");
    }

    private static PythonValue ReadValue(string folder, JsonElement node, string where)
    {
        var type = String(node, "type");
        switch (String(node, "kind"))
        {
            case "dataframe":
                var rows = Size(Property(node, "rows"));
                var columns = Property(node, "columns").EnumerateArray()
                    .Select(column =>
                    {
                        var name = String(column, "name");
                        return new PythonColumn(name, ReadVector(folder, column, $"{where} column '{name}'", "row", rows));
                    })
                    .ToArray();
                return new PythonTable(type, where, rows, String(node, "index") == "kept", columns);
            case "array":
                var shape = Property(node, "shape").EnumerateArray().Select(Size).ToArray();
                var count = shape.Aggregate(1L, (product, size) => product * size);
                var name = node.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString() : null;
                return new PythonArray(type, where, shape, name, ReadVector(folder, node, where, "index", count));
            case "paths":
                return new PythonPaths(type, where, Property(node, "items").EnumerateArray().Select(item => item.GetString() ?? throw Invalid("a path is not a string")).ToArray());
            case "sequence":
                return new PythonSequence(type, where, Property(node, "items").EnumerateArray()
                    .Select((item, index) => ReadValue(folder, item, $"{where}[{index.ToString(CultureInfo.InvariantCulture)}]"))
                    .ToArray());
            case "mapping":
                return new PythonMapping(type, where, Property(node, "items").EnumerateArray()
                    .Select(entry =>
                    {
                        var key = String(entry, "key");
                        return KeyValuePair.Create(key, ReadValue(folder, Property(entry, "value"), $"{where}[{PythonRepr(key)}]"));
                    })
                    .ToArray());
            default:
                throw Invalid($"the kind '{String(node, "kind")}' is unknown");
        }
    }

    private static PythonVector ReadVector(string folder, JsonElement node, string where, string positionName, long count)
    {
        var dataType = String(node, "dtype") switch
        {
            "float64" => PythonDataType.Float64,
            "float32" => PythonDataType.Float32,
            "int64" => PythonDataType.Int64,
            "bool" => PythonDataType.Boolean,
            "string" => PythonDataType.String,
            "datetime" => PythonDataType.DateTime,
            var other => throw Invalid($"the dtype '{other}' is unknown"),
        };
        var data = DataFile(folder, String(node, "data"));
        Array values = dataType switch
        {
            PythonDataType.String => ReadStrings(data, count),
            PythonDataType.Float64 => NpyFile.Read(data, "<f8", count),
            PythonDataType.Float32 => NpyFile.Read(data, "<f4", count),
            PythonDataType.Boolean => NpyFile.Read(data, "|b1", count),
            _ => NpyFile.Read(data, "<i8", count),
        };
        bool[]? missing = null;
        if (node.TryGetProperty("missing", out var missingFile) && missingFile.ValueKind == JsonValueKind.String)
        {
            missing = (bool[])NpyFile.Read(DataFile(folder, missingFile.GetString()!), "|b1", count);
        }

        var utc = node.TryGetProperty("timezone", out var timezone) && timezone.ValueKind == JsonValueKind.String && timezone.GetString() == "UTC";
        return new PythonVector(dataType, String(node, "source_dtype"), values, missing, utc, where, positionName);
    }

    private static string?[] ReadStrings(string path, long count)
    {
        using var stream = System.IO.File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() != count)
        {
            throw Invalid($"'{Path.GetFileName(path)}' is not a list of {count} strings");
        }

        var strings = new string?[count];
        var i = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            strings[i++] = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Null => null,
                _ => throw Invalid($"'{Path.GetFileName(path)}' holds a {item.ValueKind} where a string is expected"),
            };
        }

        return strings;
    }

    /// <summary>A file of the output folder: the names are the bridge's own (<c>3.npy</c>), never a path.</summary>
    private static string DataFile(string folder, string name)
        => DataFileName().IsMatch(name) ? Path.Combine(folder, name) : throw Invalid($"'{name}' is not a data file name");

    private static int Size(JsonElement size)
        => size.ValueKind == JsonValueKind.Number && size.TryGetInt32(out var value) && value >= 0
            ? value
            : throw Invalid($"the size {size.GetRawText()} is not a count of at most {int.MaxValue}");

    private static JsonElement Property(JsonElement node, string name)
        => node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var value) ? value : throw Invalid($"a node has no '{name}'");

    private static string String(JsonElement node, string name)
        => Property(node, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw Invalid($"'{name}' is not a string");

    /// <summary>A str key as Python's repr writes it, for messages that match the bridge's own.</summary>
    private static string PythonRepr(string key)
        => key.Contains('\'', StringComparison.Ordinal) && !key.Contains('"', StringComparison.Ordinal) ? $"\"{key}\"" : $"'{key.Replace("'", "\\'", StringComparison.Ordinal)}'";

    private static InvalidDataException Invalid(string reason) => new($"The Python bridge wrote an invalid {ManifestFile}: {reason}.");

    [GeneratedRegex(@"^[0-9]{1,9}\.(npy|json)$")]
    private static partial Regex DataFileName();
}

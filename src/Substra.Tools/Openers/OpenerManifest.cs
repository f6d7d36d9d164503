using System.Text;
using System.Text.Json;

namespace Substra.Tools.Openers;

/// <summary>
/// The <c>substra-opener.json</c> entry of an opener artifact:
/// <c>{"format":"substra-dotnet-opener","version":1,"name":…,"assembly":…,"factory":…}</c> (see docs/opener-artifact.md).
/// </summary>
/// <param name="Name">The opener name (the artifact is <c>&lt;name&gt;.opener</c>).</param>
/// <param name="Assembly">The file name of the opener's assembly at the zip root, for example <c>MyData.dll</c>.</param>
/// <param name="Factory">The full name of the generated <see cref="Hosting.IOpenerFactory"/> in that assembly.</param>
internal sealed record OpenerManifest(string Name, string Assembly, string Factory)
{
    /// <summary>The value of <c>format</c>.</summary>
    public const string FormatName = "substra-dotnet-opener";

    /// <summary>The only <c>version</c> this runtime reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The compact JSON text, properties in the order of the specification, UTF-8 without BOM when encoded.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("version", CurrentVersion);
            writer.WriteString("name", Name);
            writer.WriteString("assembly", Assembly);
            writer.WriteString("factory", Factory);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads and validates a manifest; <paramref name="source"/> names the artifact in error messages.</summary>
    /// <exception cref="OpenerArtifactException">The manifest is not valid.</exception>
    public static OpenerManifest Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new OpenerArtifactException($"The opener artifact '{source}' has a '{OpenerArtifact.ManifestEntryName}' entry that is not valid JSON ({exception.Message}).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new OpenerArtifactException($"The opener artifact '{source}' has a '{OpenerArtifact.ManifestEntryName}' entry that is not a JSON object.");
            }

            var format = ReadString(root, "format", source);
            if (format != FormatName)
            {
                throw new OpenerArtifactException($"The opener artifact '{source}' has the format '{format}', expected '{FormatName}'.");
            }

            if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var versionNumber))
            {
                throw new OpenerArtifactException($"The opener artifact '{source}' has no integer 'version' in '{OpenerArtifact.ManifestEntryName}'.");
            }

            if (versionNumber != CurrentVersion)
            {
                throw new OpenerArtifactException(
                    $"The opener artifact '{source}' has version {versionNumber}, but this runtime reads version {CurrentVersion}: build the opener and the function with the same Substra.Framework version.");
            }

            var assembly = ReadString(root, "assembly", source);
            if (!assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || assembly.Contains('/') || assembly.Contains('\\'))
            {
                throw new OpenerArtifactException($"The opener artifact '{source}' names the assembly '{assembly}': expected a file name ending in .dll at the zip root.");
            }

            return new OpenerManifest(ReadString(root, "name", source), assembly, ReadString(root, "factory", source));
        }
    }

    private static string ReadString(JsonElement root, string property, string source)
    {
        if (!root.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            throw new OpenerArtifactException($"The opener artifact '{source}' has no '{property}' string in '{OpenerArtifact.ManifestEntryName}'.");
        }

        return value.GetString()!;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Json;

/// <summary>Serialization helpers over <see cref="SubstraJsonContext"/>.</summary>
public static class SubstraJson
{
    private static readonly JsonSerializerOptions IndentedOptions = new(SubstraJsonContext.Default.Options)
    {
        WriteIndented = true,
        IndentSize = 4,
    };

    /// <summary>The JSON of a spec or model indented by 4 spaces: what the reference's <c>str()</c> gives.</summary>
    public static string ToIndentedString(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, value.GetType(), IndentedOptions);
    }

    /// <summary>Compact JSON with wire names.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), SubstraJsonContext.Default);

    /// <summary>Reads a spec from the reference's dictionary form; a JSON shape error becomes a <see cref="SpecValidationException"/>.</summary>
    public static T DeserializeSpec<T>(JsonNode json, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return json.Deserialize(typeInfo) ?? throw new SpecValidationException($"A {typeof(T).Name} cannot be null.");
        }
        catch (JsonException exception)
        {
            throw new SpecValidationException($"Invalid {typeof(T).Name}: {exception.Message}");
        }
    }

    /// <summary>Reads a model from its wire JSON.</summary>
    public static T Deserialize<T>(string json, JsonTypeInfo<T> typeInfo)
        => JsonSerializer.Deserialize(json, typeInfo) ?? throw new JsonException($"A {typeof(T).Name} cannot be null.");
}

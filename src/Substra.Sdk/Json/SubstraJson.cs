using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Json;

/// <summary>Serialization helpers over <see cref="SubstraJsonContext"/>.</summary>
internal static class SubstraJson
{
    /// <summary>
    /// The options models and specs are read and written with (read-only): <see cref="SubstraJsonContext"/>, where an absent
    /// or null property that is neither required nor nullable (a list, a dictionary, a string) reads as its declared default.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static readonly JsonSerializerOptions IndentedOptions = new(Options)
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

    /// <summary>The metadata of <typeparamref name="T"/> in <see cref="Options"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => Cache<T>.Info;

    /// <summary>Compact JSON with wire names.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), SubstraJsonContext.Default);

    /// <summary>Reads a spec from the reference's dictionary form; a JSON shape error becomes a <see cref="SpecValidationException"/>.</summary>
    public static T DeserializeSpec<T>(JsonNode json, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return json.Deserialize(Resolve(typeInfo)) ?? throw new SpecValidationException($"A {typeof(T).Name} cannot be null.");
        }
        catch (JsonException exception)
        {
            throw new SpecValidationException($"Invalid {typeof(T).Name}: {exception.Message}");
        }
    }

    /// <summary>Reads a model from its wire JSON.</summary>
    public static T Deserialize<T>(string json, JsonTypeInfo<T> typeInfo)
        => JsonSerializer.Deserialize(json, Resolve(typeInfo)) ?? throw new JsonException($"A {typeof(T).Name} cannot be null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(SubstraJsonContext.Default.Options)
        {
            TypeInfoResolver = SubstraJsonContext.Default.WithAddedModifier(DeclaredDefaults.Apply),
        };
        options.MakeReadOnly();
        return options;
    }

    // Metadata taken straight from SubstraJsonContext.Default lacks the declared defaults: use the same type's in Options.
    private static JsonTypeInfo<T> Resolve<T>(JsonTypeInfo<T> typeInfo)
        => ReferenceEquals(typeInfo.Options, SubstraJsonContext.Default.Options) ? TypeInfo<T>() : typeInfo;

    private static class Cache<T>
    {
        public static readonly JsonTypeInfo<T> Info = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
    }
}

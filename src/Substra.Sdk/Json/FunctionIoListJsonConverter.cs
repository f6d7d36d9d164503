using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Substra.Sdk.Json;

/// <summary>
/// Reads function inputs or outputs as a list or as the server's dict keyed by identifier (in dict order); writes a list.
/// </summary>
internal abstract class FunctionIoListJsonConverter<T> : JsonConverter<IReadOnlyList<T>>
{
    private protected abstract JsonTypeInfo<T> ItemTypeInfo { get; }

    /// <summary>"input" or "output", for error messages.</summary>
    private protected abstract string ItemName { get; }

    /// <summary>One entry of the server's dict form.</summary>
    private protected abstract T FromDictEntry(JsonProperty property);

    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Null => [],
            JsonValueKind.Array => root.EnumerateArray()
                .Select(item => item.Deserialize(ItemTypeInfo) ?? throw new JsonException($"A function {ItemName} is null."))
                .ToArray(),
            JsonValueKind.Object => root.EnumerateObject().Select(FromDictEntry).ToArray(),
            _ => throw new JsonException($"Function {ItemName}s must be a list or an object keyed by identifier."),
        };
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, ItemTypeInfo);
        }

        writer.WriteEndArray();
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Substra.Sdk.Models;

namespace Substra.Sdk.Json;

/// <summary>Reads function outputs as a list or as the server's dict keyed by identifier (in dict order); writes a list.</summary>
public sealed class FunctionOutputListJsonConverter : JsonConverter<IReadOnlyList<FunctionOutput>>
{
    public override IReadOnlyList<FunctionOutput> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.Array:
                return root.EnumerateArray()
                    .Select(item => item.Deserialize(SubstraJsonContext.Default.FunctionOutput) ?? throw new JsonException("A function output is null."))
                    .ToArray();
            case JsonValueKind.Object:
                return root.EnumerateObject()
                    .Select(property => new FunctionOutput
                    {
                        Identifier = property.Name,
                        Kind = FunctionIoJson.ReadKind(property),
                        Multiple = FunctionIoJson.ReadFlag(property.Value, "multiple"),
                    })
                    .ToArray();
            default:
                throw new JsonException("Function outputs must be a list or an object keyed by identifier.");
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<FunctionOutput> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var output in value)
        {
            JsonSerializer.Serialize(writer, output, SubstraJsonContext.Default.FunctionOutput);
        }

        writer.WriteEndArray();
    }
}

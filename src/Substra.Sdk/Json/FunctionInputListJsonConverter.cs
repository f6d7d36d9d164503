using System.Text.Json;
using System.Text.Json.Serialization;
using Substra.Sdk.Models;
using Substra.Tools.Schema;

namespace Substra.Sdk.Json;

/// <summary>Reads function inputs as a list or as the server's dict keyed by identifier (in dict order); writes a list.</summary>
public sealed class FunctionInputListJsonConverter : JsonConverter<IReadOnlyList<FunctionInput>>
{
    public override IReadOnlyList<FunctionInput> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        switch (root.ValueKind)
        {
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.Array:
                return root.EnumerateArray()
                    .Select(item => item.Deserialize(SubstraJsonContext.Default.FunctionInput) ?? throw new JsonException("A function input is null."))
                    .ToArray();
            case JsonValueKind.Object:
                return root.EnumerateObject()
                    .Select(property => new FunctionInput
                    {
                        Identifier = property.Name,
                        Kind = FunctionIoJson.ReadKind(property),
                        Optional = FunctionIoJson.ReadFlag(property.Value, "optional"),
                        Multiple = FunctionIoJson.ReadFlag(property.Value, "multiple"),
                    })
                    .ToArray();
            default:
                throw new JsonException("Function inputs must be a list or an object keyed by identifier.");
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<FunctionInput> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var input in value)
        {
            JsonSerializer.Serialize(writer, input, SubstraJsonContext.Default.FunctionInput);
        }

        writer.WriteEndArray();
    }
}

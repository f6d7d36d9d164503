using System.Text.Json;
using System.Text.Json.Serialization;
using Substra.Sdk.Models;
using Substra.Tools.Schema;

namespace Substra.Sdk.Json;

/// <summary>Reads <c>{kind, identifier, asset}</c>; a performance asset may be a number or <c>{"performance_value": …}</c>.</summary>
internal sealed class OutputAssetJsonConverter : JsonConverter<OutputAsset>
{
    public override OutputAsset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var (kind, identifier, asset) = TaskAssetJson.ReadEnvelope(document.RootElement, "output asset");
        switch (kind)
        {
            case AssetKind.Performance:
                var value = asset;
                if (asset.ValueKind == JsonValueKind.Object && !asset.TryGetProperty("performance_value", out value))
                {
                    throw new JsonException("A performance output asset object must hold 'performance_value'.");
                }

                return value.ValueKind == JsonValueKind.Number
                    ? new OutputAsset { Kind = kind, Identifier = identifier, Performance = value.GetDouble() }
                    : throw new JsonException($"The performance of output '{identifier}' is not a number.");
            case AssetKind.Model:
                return new OutputAsset
                {
                    Kind = kind, Identifier = identifier, Model = TaskAssetJson.Required(asset.Deserialize(SubstraJson.TypeInfo<OutModel>())),
                };
            default:
                throw new JsonException($"An output asset cannot be of kind {kind.ToWireName()}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, OutputAsset value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", value.Kind.ToWireName());
        writer.WriteString("identifier", value.Identifier);
        writer.WritePropertyName("asset");
        if (value.Model is not null)
        {
            JsonSerializer.Serialize(writer, value.Model, SubstraJson.TypeInfo<OutModel>());
        }
        else if (value.Performance is { } performance)
        {
            writer.WriteNumberValue(performance);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteEndObject();
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Substra.Sdk.Models;
using Substra.Tools.Schema;

namespace Substra.Sdk.Json;

/// <summary>Reads <c>{kind, identifier, asset}</c>, choosing the asset's type from its kind.</summary>
internal sealed class InputAssetJsonConverter : JsonConverter<InputAsset>
{
    public override InputAsset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var (kind, identifier, asset) = TaskAssetJson.ReadEnvelope(document.RootElement, "input asset");
        return kind switch
        {
            AssetKind.DataManager => new InputAsset
            {
                Kind = kind, Identifier = identifier, Dataset = TaskAssetJson.Required(asset.Deserialize(SubstraJson.TypeInfo<Dataset>())),
            },
            AssetKind.DataSample => new InputAsset
            {
                Kind = kind, Identifier = identifier, DataSample = TaskAssetJson.Required(asset.Deserialize(SubstraJson.TypeInfo<DataSample>())),
            },
            AssetKind.Model => new InputAsset
            {
                Kind = kind, Identifier = identifier, Model = TaskAssetJson.Required(asset.Deserialize(SubstraJson.TypeInfo<OutModel>())),
            },
            _ => throw new JsonException($"An input asset cannot be of kind {kind.ToWireName()}."),
        };
    }

    public override void Write(Utf8JsonWriter writer, InputAsset value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", value.Kind.ToWireName());
        writer.WriteString("identifier", value.Identifier);
        writer.WritePropertyName("asset");
        switch (value.Asset)
        {
            case Dataset dataset:
                JsonSerializer.Serialize(writer, dataset, SubstraJson.TypeInfo<Dataset>());
                break;
            case DataSample dataSample:
                JsonSerializer.Serialize(writer, dataSample, SubstraJson.TypeInfo<DataSample>());
                break;
            case OutModel model:
                JsonSerializer.Serialize(writer, model, SubstraJson.TypeInfo<OutModel>());
                break;
        }

        writer.WriteEndObject();
    }
}

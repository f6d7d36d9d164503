using System.Text.Json;
using System.Text.Json.Serialization;
using Substra.Tools.Schema;

namespace Substra.Sdk.Json;

/// <summary>Reads and writes <see cref="AssetKind"/> as its wire string (<c>ASSET_MODEL</c>…).</summary>
internal sealed class AssetKindJsonConverter : JsonConverter<AssetKind>
{
    public override AssetKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return WireNames.TryParseWireName<AssetKind>(text, out var kind)
            ? kind
            : throw new JsonException(
                $"'{text}' is not an asset kind; expected one of {string.Join(", ", WireNames.AllWireNames<AssetKind>())}.");
    }

    public override void Write(Utf8JsonWriter writer, AssetKind value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToWireName());
}

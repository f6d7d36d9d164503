using System.Text.Json;
using Substra.Tools.Schema;

namespace Substra.Sdk.Json;

/// <summary>Fields of the dict form of function inputs and outputs.</summary>
internal static class FunctionIoJson
{
    public static AssetKind ReadKind(JsonProperty property)
    {
        var text = property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("kind", out var kind)
            ? kind.GetString()
            : null;
        return WireNames.TryParseWireName<AssetKind>(text, out var value)
            ? value
            : throw new JsonException($"'{property.Name}' has no valid 'kind' (got '{text}').");
    }

    public static bool ReadFlag(JsonElement item, string name)
        => item.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;
}

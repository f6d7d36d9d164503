using System.Text.Json;
using Substra.Tools.Schema;

namespace Substra.Sdk.Json;

/// <summary>The envelope shared by input and output assets.</summary>
internal static class TaskAssetJson
{
    public static (AssetKind Kind, string Identifier, JsonElement Asset) ReadEnvelope(JsonElement root, string what)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"An {what} must be an object with 'kind', 'identifier' and 'asset'.");
        }

        var kindText = root.TryGetProperty("kind", out var kindElement) ? kindElement.GetString() : null;
        if (!WireNames.TryParseWireName<AssetKind>(kindText, out var kind))
        {
            throw new JsonException($"The {what} has no valid 'kind' (got '{kindText}').");
        }

        var identifier = root.TryGetProperty("identifier", out var identifierElement) ? identifierElement.GetString() : null;
        if (identifier is null)
        {
            throw new JsonException($"The {what} has no 'identifier'.");
        }

        if (!root.TryGetProperty("asset", out var asset))
        {
            throw new JsonException($"The {what} '{identifier}' has no 'asset'.");
        }

        return (kind, identifier, asset.Clone());
    }

    public static T Required<T>(T? value) where T : class
        => value ?? throw new JsonException("The asset is null.");
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Substra.Sdk.Models;

namespace Substra.Sdk.Json;

/// <summary>Reads <c>transient</c> or <c>is_transient</c>; writes <c>{"permissions": …, "transient": …}</c>.</summary>
internal sealed class ComputeTaskOutputJsonConverter : JsonConverter<ComputeTaskOutput>
{
    public override ComputeTaskOutput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("permissions", out var permissions))
        {
            throw new JsonException("A task output must be an object with 'permissions'.");
        }

        return new ComputeTaskOutput
        {
            Permissions = permissions.Deserialize(SubstraJson.TypeInfo<AssetPermissions>())
                ?? throw new JsonException("A task output needs 'permissions'."),
            IsTransient = TransientFlag.Read(root),
        };
    }

    public override void Write(Utf8JsonWriter writer, ComputeTaskOutput value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("permissions");
        JsonSerializer.Serialize(writer, value.Permissions, SubstraJson.TypeInfo<AssetPermissions>());
        writer.WriteBoolean("transient", value.IsTransient);
        writer.WriteEndObject();
    }
}

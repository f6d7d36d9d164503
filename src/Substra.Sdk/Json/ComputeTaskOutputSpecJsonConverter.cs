using System.Text.Json;
using System.Text.Json.Serialization;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Json;

/// <summary>Reads <c>transient</c> or <c>is_transient</c>; writes <c>{"permissions": …, "transient": …}</c>.</summary>
internal sealed class ComputeTaskOutputSpecJsonConverter : JsonConverter<ComputeTaskOutputSpec>
{
    public override ComputeTaskOutputSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A task output must be an object with 'permissions' and 'transient'.");
        }

        if (!root.TryGetProperty("permissions", out var permissions) || permissions.ValueKind == JsonValueKind.Null)
        {
            throw new JsonException("A task output needs 'permissions' ({\"public\": bool, \"authorized_ids\": [...]}).");
        }

        return new ComputeTaskOutputSpec
        {
            Permissions = permissions.Deserialize(SubstraJson.TypeInfo<Permissions>())
                ?? throw new JsonException("A task output needs 'permissions'."),
            IsTransient = TransientFlag.Read(root),
        };
    }

    public override void Write(Utf8JsonWriter writer, ComputeTaskOutputSpec value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("permissions");
        JsonSerializer.Serialize(writer, value.Permissions, SubstraJson.TypeInfo<Permissions>());
        writer.WriteBoolean("transient", value.IsTransient);
        writer.WriteEndObject();
    }
}

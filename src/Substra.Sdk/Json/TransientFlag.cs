using System.Text.Json;

namespace Substra.Sdk.Json;

/// <summary>The task-output flag, sent as <c>transient</c> and accepted as <c>is_transient</c> too.</summary>
internal static class TransientFlag
{
    public static bool Read(JsonElement output)
    {
        foreach (var name in new[] { "transient", "is_transient" })
        {
            if (output.TryGetProperty(name, out var flag))
            {
                return flag.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False or JsonValueKind.Null => false,
                    _ => throw new JsonException($"'{name}' must be a boolean."),
                };
            }
        }

        return false;
    }
}

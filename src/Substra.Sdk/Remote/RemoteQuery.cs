using System.Text;
using System.Text.Json;
using Substra.Sdk.Filters;

namespace Substra.Sdk.Remote;

/// <summary>
/// List filters and ordering as query strings: list filters comma-joined without spaces,
/// <c>match=</c> for the name, <c>metadata=</c> as a compact JSON list, <c>ordering=[-]field</c>.
/// </summary>
internal static class RemoteQuery
{
    public static string Encode(ListQuery query)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        var filters = query.Filters;
        foreach (var (name, values) in filters.Values)
        {
            parameters.Add(new(name, string.Join(',', values).Replace(" ", "", StringComparison.Ordinal)));
        }
        if (filters.Name is not null)
        {
            parameters.Add(new("match", filters.Name));
        }
        if (filters.Metadata is { } metadata)
        {
            parameters.Add(new("metadata", MetadataJson(metadata)));
        }
        var field = query.OrderBy.ToWireName();
        parameters.Add(new("ordering", query.Ascending ? field : "-" + field));
        return Join(parameters);
    }

    public static string Join(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    private static string MetadataJson(IReadOnlyList<MetadataFilter> conditions)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var condition in conditions)
            {
                writer.WriteStartObject();
                writer.WriteString("key", condition.Key);
                writer.WriteString("type", condition.Type.ToWireName());
                if (condition.Value is not null)
                {
                    writer.WriteString("value", condition.Value);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

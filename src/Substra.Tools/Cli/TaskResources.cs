using System.Text;
using System.Text.Json;

namespace Substra.Tools.Cli;

/// <summary>
/// Reads and writes the JSON of <c>--inputs</c> and <c>--outputs</c>, validated exactly as substratools'
/// <c>TaskResources</c>: backslashes become <c>/</c> first, every item has exactly the keys id (string), value (string)
/// and multiple (boolean), and an identifier that is not multiple appears once.
/// </summary>
public static class TaskResources
{
    private static readonly string[] ExpectedKeys = ["id", "value", "multiple"];

    /// <summary>Parses and validates the JSON text given to <paramref name="argumentName"/>.</summary>
    /// <exception cref="InvalidCliException">The text breaks the contract; the message says what is wrong.</exception>
    public static IReadOnlyList<TaskResource> Parse(string json, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(json);
        var normalized = json.Replace('\\', '/');
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(normalized);
        }
        catch (JsonException exception)
        {
            throw new InvalidCliException($"invalid {argumentName}: the value is not valid JSON ({exception.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidCliException(
                    $"invalid {argumentName}: expected a JSON list of {{\"id\", \"value\", \"multiple\"}} objects, got {TypeName(root)}");
            }

            var resources = new List<TaskResource>(root.GetArrayLength());
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                resources.Add(ParseItem(item, index++, argumentName));
            }

            CheckMultiplicity(resources, argumentName);
            return resources;
        }
    }

    /// <summary>Writes resources as Python's <c>json.dumps</c> does: <c>[{"id": "x", "value": "/p", "multiple": false}]</c>.</summary>
    public static string Format(IReadOnlyList<TaskResource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var builder = new StringBuilder("[");
        for (var i = 0; i < resources.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append("{\"id\": ");
            PythonJson.WriteString(builder, resources[i].Id);
            builder.Append(", \"value\": ");
            PythonJson.WriteString(builder, resources[i].Value);
            builder.Append(", \"multiple\": ").Append(resources[i].Multiple ? "true" : "false").Append('}');
        }

        return builder.Append(']').ToString();
    }

    private static TaskResource ParseItem(JsonElement item, int index, string argumentName)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidCliException(
                $"invalid {argumentName}: item {index} must be an object with the keys id, value, multiple, got {TypeName(item)}");
        }

        var keys = item.EnumerateObject().Select(property => property.Name).ToList();
        if (keys.Count != ExpectedKeys.Length || !ExpectedKeys.All(keys.Contains))
        {
            var given = keys.Count == 0 ? "no keys" : string.Join(", ", keys);
            throw new InvalidCliException(
                $"invalid {argumentName}: item {index} must have exactly the keys id, value, multiple, got {given}");
        }

        var id = item.GetProperty("id");
        var value = item.GetProperty("value");
        var multiple = item.GetProperty("multiple");
        if (id.ValueKind != JsonValueKind.String)
        {
            throw new InvalidCliException($"invalid {argumentName}: item {index}: \"id\" must be a string, got {TypeName(id)}");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidCliException($"invalid {argumentName}: item {index}: \"value\" must be a string, got {TypeName(value)}");
        }

        if (multiple.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new InvalidCliException(
                $"invalid {argumentName}: item {index}: \"multiple\" must be a boolean, got {TypeName(multiple)}");
        }

        return new TaskResource(id.GetString()!, value.GetString()!, multiple.GetBoolean());
    }

    private static void CheckMultiplicity(List<TaskResource> resources, string argumentName)
    {
        foreach (var group in resources.GroupBy(resource => resource.Id, StringComparer.Ordinal))
        {
            var count = group.Count();
            if (group.Any(resource => resource.Multiple) && group.Any(resource => !resource.Multiple))
            {
                throw new InvalidCliException(
                    $"invalid {argumentName}: the id '{group.Key}' is given both with multiple true and multiple false");
            }

            if (count > 1 && !group.First().Multiple)
            {
                throw new InvalidCliException(
                    $"invalid {argumentName}: the id '{group.Key}' is given {count} times but is not multiple");
            }
        }
    }

    internal static string TypeName(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}

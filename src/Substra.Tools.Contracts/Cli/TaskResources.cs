using System.Text;

namespace Substra.Tools.Cli;

/// <summary>
/// Reads and writes the JSON of <c>--inputs</c> and <c>--outputs</c>, validated exactly as substratools'
/// <c>TaskResources</c>: backslashes become <c>/</c> first, every item has exactly the keys id (string), value (string)
/// and multiple (boolean), and an identifier that is not multiple appears once.
/// </summary>
internal static class TaskResources
{
    private static readonly string[] ExpectedKeys = ["id", "value", "multiple"];

    /// <summary>Parses and validates the JSON text given to <paramref name="argumentName"/>.</summary>
    /// <exception cref="InvalidCliException">The text breaks the contract; the message says what is wrong.</exception>
    public static IReadOnlyList<TaskResource> Parse(string json, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(json);
        object? root;
        try
        {
            root = CliJson.Parse(json.Replace('\\', '/'));
        }
        catch (FormatException exception)
        {
            throw new InvalidCliException($"invalid {argumentName}: the value is not valid JSON ({exception.Message})");
        }

        if (root is not List<object?> items)
        {
            throw new InvalidCliException(
                $"invalid {argumentName}: expected a JSON list of {{\"id\", \"value\", \"multiple\"}} objects, got {CliJson.TypeName(root)}");
        }

        var resources = new List<TaskResource>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            resources.Add(ParseItem(items[index], index, argumentName));
        }

        CheckMultiplicity(resources, argumentName);
        return resources;
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

    private static TaskResource ParseItem(object? item, int index, string argumentName)
    {
        if (item is not CliJsonObject properties)
        {
            throw new InvalidCliException(
                $"invalid {argumentName}: item {index} must be an object with the keys id, value, multiple, got {CliJson.TypeName(item)}");
        }

        var hasExpectedKeys = properties.Count == ExpectedKeys.Length;
        foreach (var key in ExpectedKeys)
        {
            hasExpectedKeys &= properties.TryGetValue(key, out _);
        }

        if (!hasExpectedKeys)
        {
            var names = new List<string>(properties.Count);
            foreach (var property in properties)
            {
                names.Add(property.Key);
            }

            var given = names.Count == 0 ? "no keys" : string.Join(", ", names);
            throw new InvalidCliException(
                $"invalid {argumentName}: item {index} must have exactly the keys id, value, multiple, got {given}");
        }

        properties.TryGetValue("id", out var id);
        properties.TryGetValue("value", out var value);
        properties.TryGetValue("multiple", out var multiple);
        if (id is not string idText)
        {
            throw new InvalidCliException($"invalid {argumentName}: item {index}: \"id\" must be a string, got {CliJson.TypeName(id)}");
        }

        if (value is not string valueText)
        {
            throw new InvalidCliException($"invalid {argumentName}: item {index}: \"value\" must be a string, got {CliJson.TypeName(value)}");
        }

        if (multiple is not bool multipleFlag)
        {
            throw new InvalidCliException(
                $"invalid {argumentName}: item {index}: \"multiple\" must be a boolean, got {CliJson.TypeName(multiple)}");
        }

        return new TaskResource(idText, valueText, multipleFlag);
    }

    private static void CheckMultiplicity(List<TaskResource> resources, string argumentName)
    {
        // Reference-type values keep this dictionary on code the runtime ships precompiled (no JIT at task start).
        var seen = new Dictionary<string, Occurrences>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            if (seen.TryGetValue(resource.Id, out var previous))
            {
                if (previous.Multiple != resource.Multiple)
                {
                    throw new InvalidCliException(
                        $"invalid {argumentName}: the id '{resource.Id}' is given both with multiple true and multiple false");
                }

                previous.Count++;
            }
            else
            {
                seen.Add(resource.Id, new Occurrences(resource.Multiple));
            }
        }

        foreach (var (id, occurrences) in seen)
        {
            if (occurrences.Count > 1 && !occurrences.Multiple)
            {
                throw new InvalidCliException($"invalid {argumentName}: the id '{id}' is given {occurrences.Count} times but is not multiple");
            }
        }
    }

    private sealed class Occurrences(bool multiple)
    {
        public bool Multiple { get; } = multiple;

        public int Count { get; set; } = 1;
    }
}

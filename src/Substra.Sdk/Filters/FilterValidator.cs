using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Filters;

/// <summary>
/// Checks list filters in the reference's dictionary form before any backend call, and turns them into
/// <see cref="ListFilters"/>. As in the reference, list values are converted to strings in place in the given dictionary.
/// </summary>
internal static class FilterValidator
{
    private const string Documentation = "Cannot load filters. Please review the documentation, ";

    // Only plans and tasks filter on metadata: the platform ignores the parameter on other lists and returns everything.
    private static readonly Dictionary<AssetType, string[]> Allowed = new()
    {
        [AssetType.ComputePlan] = ["key", "name", "owner", "worker", "status", "metadata", "function_key", "dataset_key", "data_sample_key"],
        [AssetType.DataSample] = ["key", "owner", "compute_plan_key", "function_key", "dataset_key"],
        [AssetType.Dataset] = ["key", "name", "owner", "permissions", "compute_plan_key", "function_key", "data_sample_key"],
        [AssetType.Function] = ["key", "name", "owner", "permissions", "compute_plan_key", "dataset_key", "data_sample_key"],
        [AssetType.Model] = ["key", "compute_task_key", "owner", "permissions"],
        [AssetType.Task] = ["key", "owner", "worker", "rank", "status", "metadata", "compute_plan_key", "function_key"],
        [AssetType.InputAsset] = ["identifier", "kind"],
        [AssetType.OutputAsset] = ["identifier", "kind"],
    };

    /// <summary>The filters allowed on <paramref name="assetType"/> (the reference's <c>allowed_filters()</c>).</summary>
    public static IReadOnlyList<string> AllowedFilters(AssetType assetType)
        => Allowed.TryGetValue(assetType, out var allowed) ? allowed : [];

    /// <summary>
    /// Validates filters given as a dictionary (<see cref="IDictionary{TKey,TValue}"/> of string to object, or a
    /// <see cref="JsonObject"/>); null means no filter.
    /// </summary>
    /// <exception cref="FilterFormatException">The filters or a value have the wrong shape.</exception>
    /// <exception cref="NotAllowedFilterException">A filter is not allowed for <paramref name="assetType"/>.</exception>
    public static ListFilters Validate(AssetType assetType, object? filters) => filters switch
    {
        null => ListFilters.None,
        IDictionary<string, object?> dictionary => Validate(assetType, dictionary),
        JsonObject json => Validate(assetType, JsonToDictionary(json)),
        AssetFilter typed => Validate(assetType, typed.ToDictionary()),
        _ => throw new FilterFormatException(Documentation + "filters should be a dict"),
    };

    /// <inheritdoc cref="Validate(AssetType, object?)"/>
    public static ListFilters Validate(AssetType assetType, IDictionary<string, object?>? filters)
    {
        if (filters is null)
        {
            return ListFilters.None;
        }

        var allowed = AllowedFilters(assetType);
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        string? name = null;
        List<MetadataFilter>? metadata = null;
        foreach (var key in filters.Keys.ToArray())
        {
            var value = filters[key];
            if (!allowed.Contains(key))
            {
                throw new NotAllowedFilterException(
                    $"Cannot filter on {key}. Please review the documentation, filtering allowed only on {PythonList(allowed)}");
            }

            switch (key)
            {
                case "name":
                    name = value as string
                        ?? throw new FilterFormatException(Documentation + "'name' filter is a partial match of the asset's name, value should be str");
                    break;
                case "metadata":
                    metadata = ReadMetadata(value);
                    break;
                default:
                    if (value is string or null or IDictionary || value is not IEnumerable items)
                    {
                        throw new FilterFormatException(Documentation + "filters values should be a list");
                    }

                    var texts = items.Cast<object?>().Select(ToText).ToList();
                    if (!filters.IsReadOnly)
                    {
                        filters[key] = texts;
                    }

                    values[key] = texts;
                    break;
            }
        }

        return new ListFilters { Values = values, Name = name, Metadata = metadata };
    }

    /// <summary>Parses an ordering field name (<c>creation_date</c>, <c>start_date</c>, <c>end_date</c>); null means the default.</summary>
    /// <exception cref="OrderingFormatException">Any other value.</exception>
    public static OrderingField ValidateOrdering(string? orderBy)
    {
        if (orderBy is null)
        {
            return OrderingField.CreationDate;
        }

        return WireNames.TryParseWireName<OrderingField>(orderBy, out var field)
            ? field
            : throw new OrderingFormatException(
                $"Please review the documentation, ordering is available only on {PythonList(WireNames.AllWireNames<OrderingField>())}");
    }

    private static List<MetadataFilter> ReadMetadata(object? value)
    {
        if (value is string or null or IDictionary || value is not IEnumerable items)
        {
            throw new FilterFormatException(Documentation + "metadata filter should be a list of dict.");
        }

        var result = new List<MetadataFilter>();
        foreach (var item in items)
        {
            if (item is MetadataFilter typed)
            {
                result.Add(typed);
                continue;
            }

            var condition = item switch
            {
                IDictionary<string, object?> dictionary => dictionary,
                IReadOnlyDictionary<string, string> strings => strings.ToDictionary(pair => pair.Key, pair => (object?)pair.Value),
                IDictionary<string, string> strings => strings.ToDictionary(pair => pair.Key, pair => (object?)pair.Value),
                JsonObject json => JsonToDictionary(json),
                _ => throw new FilterFormatException(
                    Documentation + "metadata filter should be a list of dict. But one passed elements is not."),
            };

            if (!condition.TryGetValue("key", out var conditionKey) || !condition.TryGetValue("type", out var conditionType))
            {
                throw new FilterFormatException("Each metadata filter, must contains both `key` and `type` as key.");
            }

            if (conditionType is not string typeText || !WireNames.TryParseWireName<MetadataFilterType>(typeText, out var type))
            {
                throw new FilterFormatException("Each metadata filter `type` field value must be `is`, `contains` or `exists`");
            }

            string? conditionValue = null;
            if (type is MetadataFilterType.Is or MetadataFilterType.Contains)
            {
                if (!condition.TryGetValue("value", out var rawValue))
                {
                    throw new FilterFormatException(
                        "For each metadata filter, if `type` value is `is` or `contains`, the filter should also contain the `value` key.");
                }

                conditionValue = rawValue as string
                    ?? throw new FilterFormatException("For each metadata filter, if a `value` is passed, it should be a string.");
            }

            result.Add(new MetadataFilter(ToText(conditionKey), type, conditionValue));
        }

        return result;
    }

    private static string ToText(object? value) => value switch
    {
        null => "None",
        string text => text,
        bool flag => flag ? "True" : "False",
        Enum enumValue => WireText(enumValue),
        JsonValue json => json.TryGetValue<string>(out var text) ? text : json.ToJsonString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    // Statuses are matched on their wire value (the reference's str() of an enum never matched).
    private static string WireText(Enum value) => value switch
    {
        ComputeTaskStatus status => status.ToWireName(),
        ComputePlanStatus status => status.ToWireName(),
        FunctionStatus status => status.ToWireName(),
        TaskErrorType error => error.ToWireName(),
        Substra.Tools.Schema.AssetKind kind => kind.ToWireName(),
        _ => value.ToString(),
    };

    private static Dictionary<string, object?> JsonToDictionary(JsonObject json)
        => json.ToDictionary(pair => pair.Key, pair => JsonToObject(pair.Value));

    private static object? JsonToObject(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => JsonToDictionary(obj),
        JsonArray array => array.Select(JsonToObject).ToList(),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        _ => node.ToJsonString(),
    };

    private static string PythonList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(item => $"'{item}'")) + "]";
}

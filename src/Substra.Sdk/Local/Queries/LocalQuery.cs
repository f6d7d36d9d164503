using Substra.Sdk.Filters;

namespace Substra.Sdk.Local.Queries;

/// <summary>
/// Filters and orders local assets with the server's semantics (fixing the reference's quirks: docs/compatibility.md#reads): a list filter
/// matches when its values contain the asset's value (statuses by their wire names), <c>name</c> is a substring of
/// the asset's name, metadata conditions all hold; AND across filters.
/// </summary>
internal static class LocalQuery
{
    /// <summary>
    /// <paramref name="values"/> gives, for a filter name, the asset's values (several for relations such as a plan's workers).
    /// </summary>
    public static IReadOnlyList<T> Apply<T>(
        IEnumerable<T> assets,
        ListQuery query,
        Func<T, string, IEnumerable<string?>> values,
        Func<T, string> name,
        Func<T, IReadOnlyDictionary<string, string>?> metadata,
        Func<T, OrderingField, DateTimeOffset?> date)
    {
        var filters = query.Filters;
        var matching = filters.IsEmpty ? assets : assets.Where(asset => Matches(asset, filters, values, name, metadata));
        var ordered = query.Ascending
            ? matching.OrderBy(asset => date(asset, query.OrderBy) ?? DateTimeOffset.MinValue)
            : matching.OrderByDescending(asset => date(asset, query.OrderBy) ?? DateTimeOffset.MinValue);
        return ordered.ToList();
    }

    private static bool Matches<T>(
        T asset,
        ListFilters filters,
        Func<T, string, IEnumerable<string?>> values,
        Func<T, string> name,
        Func<T, IReadOnlyDictionary<string, string>?> metadata)
    {
        foreach (var (filter, accepted) in filters.Values)
        {
            if (!values(asset, filter).Any(value => value is not null && accepted.Contains(value)))
            {
                return false;
            }
        }

        if (filters.Name is { } namePart && !name(asset).Contains(namePart, StringComparison.Ordinal))
        {
            return false;
        }

        if (filters.Metadata is { } conditions)
        {
            var actual = metadata(asset) ?? new Dictionary<string, string>();
            foreach (var condition in conditions)
            {
                if (!actual.TryGetValue(condition.Key, out var value))
                {
                    return false;
                }

                var holds = condition.Type switch
                {
                    MetadataFilterType.Exists => true,
                    MetadataFilterType.Is => value == condition.Value,
                    MetadataFilterType.Contains => condition.Value is not null && value.Contains(condition.Value, StringComparison.Ordinal),
                    _ => false,
                };
                if (!holds)
                {
                    return false;
                }
            }
        }

        return true;
    }
}

namespace Substra.Sdk.Filters;

/// <summary>A typed list filter; it converts to the reference's dictionary form, validated the same way.</summary>
public abstract record AssetFilter
{
    /// <summary>Only these keys.</summary>
    public IReadOnlyList<string>? Keys { get; init; }

    /// <summary>Only assets owned by these organisations.</summary>
    public IReadOnlyList<string>? Owners { get; init; }

    /// <summary>The dictionary form (<c>{"key": [...], "owner": [...], …}</c>) with only the set filters.</summary>
    public Dictionary<string, object?> ToDictionary()
    {
        var filters = new Dictionary<string, object?>(StringComparer.Ordinal);
        Add(filters, "key", Keys);
        Add(filters, "owner", Owners);
        AddFilters(filters);
        return filters;
    }

    /// <summary>Adds the filters specific to the asset type.</summary>
    private protected abstract void AddFilters(Dictionary<string, object?> filters);

    private protected static void Add<T>(Dictionary<string, object?> filters, string name, IReadOnlyList<T>? values)
    {
        if (values is not null)
        {
            filters[name] = values.Cast<object?>().ToList();
        }
    }

    private protected static void AddName(Dictionary<string, object?> filters, string? name)
    {
        if (name is not null)
        {
            filters["name"] = name;
        }
    }

    private protected static void AddMetadata(Dictionary<string, object?> filters, IReadOnlyList<MetadataFilter>? metadata)
    {
        if (metadata is not null)
        {
            filters["metadata"] = metadata.Cast<object?>().ToList();
        }
    }
}

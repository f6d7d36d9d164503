namespace Substra.Sdk.Filters;

/// <summary>
/// Validated list filters, as backends receive them. <see cref="Values"/> holds the list filters (key, owner, status, rank…)
/// with their values as strings; a listed asset matches when each of them contains the asset's value (AND across filters,
/// OR within one). <see cref="Name"/> is a substring match of the asset's name. <see cref="Metadata"/> conditions all hold.
/// </summary>
public sealed record ListFilters
{
    /// <summary>No filter.</summary>
    public static ListFilters None { get; } = new();

    /// <summary>Filter name → accepted values (strings, as the reference converts them).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The <c>name</c> filter (sent as <c>match=</c> to the server).</summary>
    public string? Name { get; init; }

    /// <summary>The <c>metadata</c> filter.</summary>
    public IReadOnlyList<MetadataFilter>? Metadata { get; init; }

    /// <summary>True when nothing is filtered.</summary>
    public bool IsEmpty => Values.Count == 0 && Name is null && Metadata is null;
}

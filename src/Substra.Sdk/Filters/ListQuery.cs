namespace Substra.Sdk.Filters;

/// <summary>What a backend lists: validated filters, the ordering field and direction (descending by default).</summary>
public sealed record ListQuery(ListFilters Filters, OrderingField OrderBy = OrderingField.CreationDate, bool Ascending = false)
{
    /// <summary>Everything, newest first.</summary>
    public static ListQuery All { get; } = new(ListFilters.None);
}

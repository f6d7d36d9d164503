namespace Substra.Sdk.Filters;

/// <summary>Filters for <c>ListModelAsync</c>.</summary>
public sealed record ModelFilter : AssetFilter
{
    /// <summary>Only models produced by these tasks.</summary>
    public IReadOnlyList<string>? ComputeTaskKeys { get; init; }

    /// <summary>Models usable by any of these organisations (remote).</summary>
    public IReadOnlyList<string>? Permissions { get; init; }

    private protected override void AddFilters(Dictionary<string, object?> filters)
    {
        Add(filters, "compute_task_key", ComputeTaskKeys);
        Add(filters, "permissions", Permissions);
    }
}

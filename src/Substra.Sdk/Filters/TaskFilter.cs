namespace Substra.Sdk.Filters;

/// <summary>Filters for <c>ListTaskAsync</c>.</summary>
public sealed record TaskFilter : AssetFilter
{
    public IReadOnlyList<string>? Workers { get; init; }

    public IReadOnlyList<int>? Ranks { get; init; }

    public IReadOnlyList<ComputeTaskStatus>? Statuses { get; init; }

    public IReadOnlyList<MetadataFilter>? Metadata { get; init; }

    public IReadOnlyList<string>? ComputePlanKeys { get; init; }

    public IReadOnlyList<string>? FunctionKeys { get; init; }

    protected override void AddFilters(Dictionary<string, object?> filters)
    {
        Add(filters, "worker", Workers);
        Add(filters, "rank", Ranks);
        Add(filters, "status", Statuses);
        AddMetadata(filters, Metadata);
        Add(filters, "compute_plan_key", ComputePlanKeys);
        Add(filters, "function_key", FunctionKeys);
    }
}

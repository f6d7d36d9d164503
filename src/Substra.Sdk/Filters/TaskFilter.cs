namespace Substra.Sdk.Filters;

/// <summary>Filters for <c>ListTaskAsync</c>.</summary>
public sealed record TaskFilter : AssetFilter
{
    /// <summary>Only tasks run by these workers.</summary>
    public IReadOnlyList<string>? Workers { get; init; }

    /// <summary>Only tasks of these ranks.</summary>
    public IReadOnlyList<int>? Ranks { get; init; }

    /// <summary>Only tasks in these statuses.</summary>
    public IReadOnlyList<ComputeTaskStatus>? Statuses { get; init; }

    /// <summary>Only tasks whose metadata match all these conditions.</summary>
    public IReadOnlyList<MetadataFilter>? Metadata { get; init; }

    /// <summary>Only tasks of these compute plans.</summary>
    public IReadOnlyList<string>? ComputePlanKeys { get; init; }

    /// <summary>Only tasks running these functions.</summary>
    public IReadOnlyList<string>? FunctionKeys { get; init; }

    private protected override void AddFilters(Dictionary<string, object?> filters)
    {
        Add(filters, "worker", Workers);
        Add(filters, "rank", Ranks);
        Add(filters, "status", Statuses);
        AddMetadata(filters, Metadata);
        Add(filters, "compute_plan_key", ComputePlanKeys);
        Add(filters, "function_key", FunctionKeys);
    }
}

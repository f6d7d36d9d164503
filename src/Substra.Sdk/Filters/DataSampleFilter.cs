namespace Substra.Sdk.Filters;

/// <summary>Filters for <c>ListDataSampleAsync</c>.</summary>
public sealed record DataSampleFilter : AssetFilter
{
    /// <summary>Only samples used by these compute plans.</summary>
    public IReadOnlyList<string>? ComputePlanKeys { get; init; }

    /// <summary>Only samples used by these functions.</summary>
    public IReadOnlyList<string>? FunctionKeys { get; init; }

    /// <summary>Only samples linked to these datasets.</summary>
    public IReadOnlyList<string>? DatasetKeys { get; init; }

    private protected override void AddFilters(Dictionary<string, object?> filters)
    {
        Add(filters, "compute_plan_key", ComputePlanKeys);
        Add(filters, "function_key", FunctionKeys);
        Add(filters, "dataset_key", DatasetKeys);
    }
}

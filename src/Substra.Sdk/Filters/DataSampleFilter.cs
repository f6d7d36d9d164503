namespace Substra.Sdk.Filters;

/// <summary>Filters for <c>ListDataSampleAsync</c>.</summary>
public sealed record DataSampleFilter : AssetFilter
{
    public IReadOnlyList<string>? ComputePlanKeys { get; init; }

    public IReadOnlyList<string>? FunctionKeys { get; init; }

    public IReadOnlyList<string>? DatasetKeys { get; init; }

    protected override void AddFilters(Dictionary<string, object?> filters)
    {
        Add(filters, "compute_plan_key", ComputePlanKeys);
        Add(filters, "function_key", FunctionKeys);
        Add(filters, "dataset_key", DatasetKeys);
    }
}

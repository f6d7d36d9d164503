namespace Substra.Sdk.Filters;

/// <summary>Filters for <c>ListDatasetAsync</c>.</summary>
public sealed record DatasetFilter : AssetFilter
{
    /// <summary>A substring of the name.</summary>
    public string? Name { get; init; }

    /// <summary>Datasets usable by any of these organisations (remote).</summary>
    public IReadOnlyList<string>? Permissions { get; init; }

    public IReadOnlyList<string>? ComputePlanKeys { get; init; }

    public IReadOnlyList<string>? FunctionKeys { get; init; }

    public IReadOnlyList<string>? DataSampleKeys { get; init; }

    protected override void AddFilters(Dictionary<string, object?> filters)
    {
        AddName(filters, Name);
        Add(filters, "permissions", Permissions);
        Add(filters, "compute_plan_key", ComputePlanKeys);
        Add(filters, "function_key", FunctionKeys);
        Add(filters, "data_sample_key", DataSampleKeys);
    }
}

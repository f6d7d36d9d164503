namespace Substra.Sdk.Filters;

/// <summary>Filters for <c>ListDatasetAsync</c>.</summary>
public sealed record DatasetFilter : AssetFilter
{
    /// <summary>A substring of the name.</summary>
    public string? Name { get; init; }

    /// <summary>Datasets usable by any of these organisations (remote).</summary>
    public IReadOnlyList<string>? Permissions { get; init; }

    /// <summary>Only datasets used by these compute plans.</summary>
    public IReadOnlyList<string>? ComputePlanKeys { get; init; }

    /// <summary>Only datasets used by these functions.</summary>
    public IReadOnlyList<string>? FunctionKeys { get; init; }

    /// <summary>Only datasets holding these data samples.</summary>
    public IReadOnlyList<string>? DataSampleKeys { get; init; }

    private protected override void AddFilters(Dictionary<string, object?> filters)
    {
        AddName(filters, Name);
        Add(filters, "permissions", Permissions);
        Add(filters, "compute_plan_key", ComputePlanKeys);
        Add(filters, "function_key", FunctionKeys);
        Add(filters, "data_sample_key", DataSampleKeys);
    }
}

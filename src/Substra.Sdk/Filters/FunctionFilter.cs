namespace Substra.Sdk.Filters;

/// <summary>Filters for <c>ListFunctionAsync</c>.</summary>
public sealed record FunctionFilter : AssetFilter
{
    /// <summary>A substring of the name.</summary>
    public string? Name { get; init; }

    /// <summary>Functions usable by any of these organisations (remote).</summary>
    public IReadOnlyList<string>? Permissions { get; init; }

    /// <summary>Only functions used by these compute plans.</summary>
    public IReadOnlyList<string>? ComputePlanKeys { get; init; }

    /// <summary>Only functions used with these datasets.</summary>
    public IReadOnlyList<string>? DatasetKeys { get; init; }

    /// <summary>Only functions used with these data samples.</summary>
    public IReadOnlyList<string>? DataSampleKeys { get; init; }

    private protected override void AddFilters(Dictionary<string, object?> filters)
    {
        AddName(filters, Name);
        Add(filters, "permissions", Permissions);
        Add(filters, "compute_plan_key", ComputePlanKeys);
        Add(filters, "dataset_key", DatasetKeys);
        Add(filters, "data_sample_key", DataSampleKeys);
    }
}

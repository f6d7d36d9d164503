namespace Substra.Sdk.Filters;

/// <summary>Filters for <c>ListComputePlanAsync</c>.</summary>
public sealed record ComputePlanFilter : AssetFilter
{
    /// <summary>A substring of the name.</summary>
    public string? Name { get; init; }

    public IReadOnlyList<string>? Workers { get; init; }

    public IReadOnlyList<ComputePlanStatus>? Statuses { get; init; }

    public IReadOnlyList<MetadataFilter>? Metadata { get; init; }

    public IReadOnlyList<string>? FunctionKeys { get; init; }

    public IReadOnlyList<string>? DatasetKeys { get; init; }

    public IReadOnlyList<string>? DataSampleKeys { get; init; }

    protected override void AddFilters(Dictionary<string, object?> filters)
    {
        AddName(filters, Name);
        Add(filters, "worker", Workers);
        Add(filters, "status", Statuses);
        AddMetadata(filters, Metadata);
        Add(filters, "function_key", FunctionKeys);
        Add(filters, "dataset_key", DatasetKeys);
        Add(filters, "data_sample_key", DataSampleKeys);
    }
}

namespace Substra.Sdk.Filters;

/// <summary>Filters for <c>ListComputePlanAsync</c>.</summary>
public sealed record ComputePlanFilter : AssetFilter
{
    /// <summary>A substring of the name.</summary>
    public string? Name { get; init; }

    /// <summary>Only plans with tasks on these workers.</summary>
    public IReadOnlyList<string>? Workers { get; init; }

    /// <summary>Only plans in these statuses.</summary>
    public IReadOnlyList<ComputePlanStatus>? Statuses { get; init; }

    /// <summary>Only plans whose metadata match all these conditions.</summary>
    public IReadOnlyList<MetadataFilter>? Metadata { get; init; }

    /// <summary>Only plans that use these functions.</summary>
    public IReadOnlyList<string>? FunctionKeys { get; init; }

    /// <summary>Only plans that use these datasets.</summary>
    public IReadOnlyList<string>? DatasetKeys { get; init; }

    /// <summary>Only plans that use these data samples.</summary>
    public IReadOnlyList<string>? DataSampleKeys { get; init; }

    private protected override void AddFilters(Dictionary<string, object?> filters)
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

namespace Substra.Sdk.Plans;

/// <summary>The data a task reads: a dataset (its opener) and some of its data samples.</summary>
/// <param name="DatasetKey">The dataset key, sent as the <c>opener</c> input.</param>
/// <param name="SampleKeys">The data-sample keys, sent as <c>datasamples</c> inputs in this order.</param>
public sealed record TaskData(string DatasetKey, IReadOnlyList<string> SampleKeys);

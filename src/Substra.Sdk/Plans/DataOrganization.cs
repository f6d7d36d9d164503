namespace Substra.Sdk.Plans;

/// <summary>An organisation that holds data for a federated plan: it trains on some samples and evaluates on others.</summary>
/// <param name="Worker">The organisation id; tasks reading its data run there.</param>
/// <param name="DatasetKey">Its dataset.</param>
/// <param name="TrainSampleKeys">The samples its training tasks read.</param>
/// <param name="TestSampleKeys">The samples its evaluation tasks read.</param>
public sealed record DataOrganization(
    string Worker,
    string DatasetKey,
    IReadOnlyList<string> TrainSampleKeys,
    IReadOnlyList<string> TestSampleKeys);

namespace Substra.Sdk.Models;

/// <summary>One row of <see cref="Performances"/>: one performance output of one task.</summary>
public sealed record PerformanceRow(
    string ComputePlanKey,
    string ComputePlanTag,
    ComputePlanStatus ComputePlanStatus,
    DateTimeOffset? ComputePlanStartDate,
    DateTimeOffset? ComputePlanEndDate,
    IReadOnlyDictionary<string, string> ComputePlanMetadata,
    string Worker,
    string TaskKey,
    int? TaskRank,
    int? RoundIdx,
    string Identifier,
    double Performance);

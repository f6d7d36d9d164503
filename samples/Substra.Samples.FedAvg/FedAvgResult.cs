namespace Substra.Samples.FedAvg;

/// <summary>What a run produced: the report and the files written next to the work folder's data.</summary>
public sealed record FedAvgResult(string ComputePlanKey, PerformanceReport Report, string CsvPath, string SvgPath);

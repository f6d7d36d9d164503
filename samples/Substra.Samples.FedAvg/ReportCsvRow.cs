using CsvHelper;

namespace Substra.Samples.FedAvg;

/// <summary>
/// A row of the CSV: which model (<c>local-only</c>, <c>fedavg</c> or <c>centralised</c>), its FedAvg round, whose data
/// trained it, whose test data measured it (or <c>mean</c> over the organisations), and the accuracy.
/// </summary>
[CsvRecord]
public sealed partial record ReportCsvRow(
    [CsvColumn("model")] string Model,
    [CsvColumn("round")] int? Round,
    [CsvColumn("trained_on")] string TrainedOn,
    [CsvColumn("evaluated_on")] string EvaluatedOn,
    [CsvColumn("accuracy")] double Accuracy);

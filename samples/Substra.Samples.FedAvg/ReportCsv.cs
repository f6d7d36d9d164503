using CsvHelper;

namespace Substra.Samples.FedAvg;

/// <summary>
/// The CSV of a run (CsvHelper): every figure of the table and the chart, one row per model and test data, with the
/// mean over the organisations as <c>evaluated_on = mean</c>.
/// </summary>
public static class ReportCsv
{
    public const string MeanColumn = "mean";

    public static IEnumerable<ReportCsvRow> Rows(PerformanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (ModelAccuracy model in report.Models)
        {
            string kind = model.Kind switch
            {
                ModelKind.LocalOnly => "local-only",
                ModelKind.FedAvg => "fedavg",
                _ => "centralised",
            };
            for (int i = 0; i < report.Organisations.Count; i++)
            {
                yield return new ReportCsvRow(kind, model.Round, model.TrainedOn, report.Organisations[i], model.Accuracies[i]);
            }

            yield return new ReportCsvRow(kind, model.Round, model.TrainedOn, MeanColumn, model.Mean);
        }
    }

    public static void Write(PerformanceReport report, TextWriter writer)
    {
        using CsvWriter csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        csv.WriteRecords(Rows(report));
    }
}

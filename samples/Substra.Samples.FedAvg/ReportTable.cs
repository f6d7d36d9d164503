using System.Globalization;
using Spectre.Console;

namespace Substra.Samples.FedAvg;

/// <summary>The result table: one row per model, one column per organisation's test data, and their mean.</summary>
public static class ReportTable
{
    public static Table Build(PerformanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title("Accuracy on each organisation's test data")
            .AddColumn("model");
        foreach (string organisation in report.Organisations)
        {
            table.AddColumn(new TableColumn(Markup.Escape(organisation)).RightAligned());
        }

        table.AddColumn(new TableColumn("[bold]mean[/]").RightAligned());
        ModelKind? previous = null;
        foreach (ModelAccuracy model in report.Models)
        {
            if (previous is not null && previous != model.Kind)
            {
                table.AddEmptyRow();
            }

            previous = model.Kind;
            var cells = new List<string> { Markup.Escape(model.Label) };
            cells.AddRange(model.Accuracies.Select(Format));
            cells.Add($"[bold]{Format(model.Mean)}[/]");
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    private static string Format(double accuracy) => accuracy.ToString("F4", CultureInfo.InvariantCulture);
}

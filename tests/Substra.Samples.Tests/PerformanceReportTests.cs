using System.Xml.Linq;
using Substra.Samples.FedAvg;

namespace Substra.Samples.Tests;

public sealed class PerformanceReportTests
{
    private static readonly string[] Organisations = ["org-1", "org-2"];

    // Out of order on purpose: the report orders models as the table shows them.
    private static readonly ModelAccuracy[] Models =
    [
        new(ModelKind.FedAvg, 2, "all organisations", [0.875, 0.75]),
        new(ModelKind.Centralised, null, "pooled data", [0.9375, 0.8125]),
        new(ModelKind.LocalOnly, null, "org-2", [0.5, 0.9]),
        new(ModelKind.FedAvg, 1, "all organisations", [0.5, 0.625]),
        new(ModelKind.LocalOnly, null, "org-1", [0.95, 0.25]),
    ];

    [Fact]
    public void The_table_has_a_row_per_model_and_a_column_per_organisation_with_the_mean()
    {
        var report = new PerformanceReport(Organisations, Models);

        string[] rows = FedAvgPlanTests.Render(ReportTable.Build(report))
            .Split('\n')
            .Select(line => line.Trim('│', '|', ' ', '\r'))
            .Where(line => line.Length > 0 && char.IsLetter(line[0]))
            .Select(line => string.Join(' ', line.Split(['│', '|', ' '], StringSplitOptions.RemoveEmptyEntries)))
            .ToArray();

        Assert.Equal(
            [
                "Accuracy on each organisation's test data",
                "model org-1 org-2 mean",
                "org-1 alone 0.9500 0.2500 0.6000",
                "org-2 alone 0.5000 0.9000 0.7000",
                "FedAvg round 1 0.5000 0.6250 0.5625",
                "FedAvg round 2 0.8750 0.7500 0.8125",
                "centralised (pooled data) 0.9375 0.8125 0.8750",
            ],
            rows);
        Assert.Equal(0.8125, report.FinalMeanAccuracy);
        Assert.Equal(
            ["Trained alone: org-1 0.6000, org-2 0.7000", "FedAvg: 0.5625 after round 1, 0.8125 after round 2", "Centralised on the pooled data: 0.8750"],
            report.Summary());
    }

    [Fact]
    public void The_csv_has_every_figure_of_the_table()
    {
        var report = new PerformanceReport(Organisations, Models);
        var text = new StringWriter();

        ReportCsv.Write(report, text);

        Assert.Equal(
            """
            model,round,trained_on,evaluated_on,accuracy
            local-only,,org-1,org-1,0.95
            local-only,,org-1,org-2,0.25
            local-only,,org-1,mean,0.6
            local-only,,org-2,org-1,0.5
            local-only,,org-2,org-2,0.9
            local-only,,org-2,mean,0.7
            fedavg,1,all organisations,org-1,0.5
            fedavg,1,all organisations,org-2,0.625
            fedavg,1,all organisations,mean,0.5625
            fedavg,2,all organisations,org-1,0.875
            fedavg,2,all organisations,org-2,0.75
            fedavg,2,all organisations,mean,0.8125
            centralised,,pooled data,org-1,0.9375
            centralised,,pooled data,org-2,0.8125
            centralised,,pooled data,mean,0.875

            """.ReplaceLineEndings("\n"),
            text.ToString());
    }

    [Fact]
    public void The_chart_has_axis_titles_and_a_legend_entry_per_line_with_its_style()
    {
        string svg = ReportChart.ToSvg(new PerformanceReport(Organisations, Models));

        XDocument document = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        List<string> texts = document.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("FedAvg round", texts);
        Assert.Contains("accuracy (mean over the organisations' test data)", texts);
        Assert.Equivalent(new[] { "FedAvg", "centralised (pooled data)", "org-1 alone", "org-2 alone" }, texts.Intersect(["FedAvg", "centralised (pooled data)", "org-1 alone", "org-2 alone"]));

        // Solid FedAvg, dashed centralised, dotted alone: each style drawn on the plot and again in the legend.
        var dashes = document.Descendants(ns + "polyline")
            .Select(p => (string?)p.Attribute("style") ?? string.Empty)
            .Where(style => style.Contains("stroke-dasharray", StringComparison.Ordinal))
            .Select(style => style[style.IndexOf("stroke-dasharray", StringComparison.Ordinal)..].Split(';')[0])
            .GroupBy(d => d)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, dashes.Count);
        Assert.Equal(2 * 1, dashes.Values.Min());
        Assert.Equal(2 * 2, dashes.Values.Max());
    }

    [Fact]
    public void A_report_without_fedavg_or_with_a_missing_organisation_is_refused()
    {
        var empty = Assert.Throws<ArgumentException>(() => new PerformanceReport(Organisations, []));
        Assert.Contains("reported no FedAvg performance", empty.Message);

        var missing = Assert.Throws<ArgumentException>(() => new PerformanceReport(Organisations, [new(ModelKind.FedAvg, 1, "all organisations", [0.5])]));
        Assert.Contains("FedAvg round 1 has 1 accuracies for 2 organisations", missing.Message);
    }
}

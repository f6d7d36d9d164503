using Substra.Samples.FedAvg;

namespace Substra.Samples.Tests;

public sealed class PerformanceReportTests
{
    private static readonly RoundPerformance[] Rows =
    [
        new(2, "org-2", 0.75), new(1, "org-1", 0.5), new(2, "org-1", 0.875), new(1, "org-2", 0.625),
    ];

    [Fact]
    public void The_table_has_one_line_per_round_with_the_mean_and_the_baseline()
    {
        var report = new PerformanceReport(Rows, centralised: [0.9, 0.8]);

        string[] lines = report.ToTable().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        Assert.Equal(["round", "org-1", "org-2", "mean"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["1", "0.5000", "0.6250", "0.5625"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["2", "0.8750", "0.7500", "0.8125"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["centralised", "0.9000", "0.8000", "0.8500"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0.8125, report.FinalMeanAccuracy);
    }

    [Fact]
    public void The_csv_lists_rows_by_round_and_organisation()
    {
        var report = new PerformanceReport(Rows);

        Assert.Equal("round,organisation,accuracy\n1,org-1,0.5\n1,org-2,0.625\n2,org-1,0.875\n2,org-2,0.75\n", report.ToCsv());
    }

    [Fact]
    public void The_svg_is_a_self_contained_chart_with_a_line_per_organisation_and_the_mean()
    {
        string svg = new PerformanceReport(Rows, centralised: [0.9, 0.8]).ToSvg();

        var document = System.Xml.Linq.XDocument.Parse(svg);
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(3, document.Descendants(ns + "polyline").Count());
        Assert.Contains(document.Descendants(ns + "text"), t => t.Value == "centralised");
        Assert.DoesNotContain("href", svg);
    }

    [Fact]
    public void An_empty_report_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PerformanceReport([]));
        Assert.Contains("reported no performance", error.Message);
    }
}

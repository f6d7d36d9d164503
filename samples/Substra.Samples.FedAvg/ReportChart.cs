using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Substra.Samples.FedAvg;

/// <summary>
/// The chart, as SVG (OxyPlot): FedAvg's mean accuracy per round (solid), the centralised model (dashed) and each
/// organisation's model trained alone (dotted), all measured on every organisation's test data.
/// </summary>
public static class ReportChart
{
    private static readonly OxyColor[] AloneColours = [OxyColor.FromRgb(0x1f, 0x77, 0xb4), OxyColor.FromRgb(0xff, 0x7f, 0x0e), OxyColor.FromRgb(0x2c, 0xa0, 0x2c), OxyColor.FromRgb(0xd6, 0x27, 0x28), OxyColor.FromRgb(0x94, 0x67, 0xbd)];

    public static PlotModel Build(PerformanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        int first = report.Rounds[0], last = report.Rounds[^1];
        var plot = new PlotModel
        {
            Title = "FedAvg against training alone and centralised training",
            TitleFontSize = 15,
            // A font whose metrics the SVG exporter's text measurer knows, so that labels and legend are laid out right.
            DefaultFont = "Arial",
            DefaultFontSize = 12,
            Background = OxyColors.White,
            PlotAreaBorderColor = OxyColors.Gray,
            Padding = new OxyThickness(10, 16, 16, 10),
        };
        plot.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom,
            Title = "FedAvg round",
            AxisTitleDistance = 6,
            Minimum = first == last ? first - 0.5 : first,
            Maximum = first == last ? last + 0.5 : last,
            MajorStep = 1,
            MinorStep = 1,
            StringFormat = "0",
        });
        IEnumerable<double> values = report.Models.Select(m => m.Mean);
        plot.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left,
            Title = "accuracy (mean over the organisations' test data)",
            AxisTitleDistance = 10,
            Minimum = Math.Floor(values.Min() * 20) / 20,
            Maximum = Math.Min(1, (Math.Ceiling(values.Max() * 20) / 20) + 0.01),
            StringFormat = "0.00",
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = OxyColor.FromRgb(0xe0, 0xe0, 0xe0),
        });
        // The legend draws each series' line: solid, dashed or dotted, as on the plot.
        plot.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside,
            LegendPosition = LegendPosition.RightTop,
            LegendSymbolLength = 36,
            LegendBorder = OxyColors.Gray,
            LegendPadding = 8,
            LegendItemSpacing = 12,
        });

        var fedAvg = new LineSeries
        {
            Title = "FedAvg",
            Color = OxyColors.Black,
            StrokeThickness = 2.5,
            LineStyle = LineStyle.Solid,
            MarkerType = MarkerType.Circle,
            MarkerSize = 4,
            MarkerFill = OxyColors.Black,
        };
        fedAvg.Points.AddRange(report.FedAvg.Select(m => new DataPoint(m.Round!.Value, m.Mean)));
        plot.Series.Add(fedAvg);

        if (report.Centralised is { } centralised)
        {
            plot.Series.Add(Level(centralised.Label, centralised.Mean, first, last, OxyColors.DimGray, LineStyle.Dash));
        }

        for (int i = 0; i < report.LocalOnly.Count; i++)
        {
            ModelAccuracy alone = report.LocalOnly[i];
            plot.Series.Add(Level(alone.Label, alone.Mean, first, last, AloneColours[i % AloneColours.Length], LineStyle.Dot));
        }

        return plot;
    }

    public static string ToSvg(PerformanceReport report)
    {
        const int width = 860, height = 440;
        var exporter = new SvgExporter
        {
            Width = width,
            Height = height,
            TextMeasurer = new SvgTextMeasurer(width, height),
            UseVerticalTextAlignmentWorkaround = true,
        };
        return exporter.ExportToString(Build(report));
    }

    // A model that does not change with the rounds: a horizontal line across them.
    private static LineSeries Level(string title, double accuracy, int first, int last, OxyColor colour, LineStyle style)
    {
        var series = new LineSeries { Title = title, Color = colour, StrokeThickness = 2, LineStyle = style };
        series.Points.Add(new DataPoint(first == last ? first - 0.5 : first, accuracy));
        series.Points.Add(new DataPoint(first == last ? last + 0.5 : last, accuracy));
        return series;
    }
}

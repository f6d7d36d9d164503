using System.Globalization;
using System.Text;

namespace Substra.Samples.FedAvg;

/// <summary>The per-round performance table, as console text, CSV and a self-contained SVG line chart.</summary>
public sealed class PerformanceReport
{
    private static readonly string[] Colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

    public PerformanceReport(IReadOnlyList<RoundPerformance> rows, IReadOnlyList<double>? centralised = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("The plan reported no performance: nothing to report.", nameof(rows));
        }

        Rows = rows.OrderBy(r => r.Round).ThenBy(r => r.Organisation, StringComparer.Ordinal).ToList();
        Organisations = Rows.Select(r => r.Organisation).Distinct().Order(StringComparer.Ordinal).ToList();
        Rounds = Rows.Select(r => r.Round).Distinct().Order().ToList();
        Centralised = centralised;
    }

    public IReadOnlyList<RoundPerformance> Rows { get; }

    public IReadOnlyList<string> Organisations { get; }

    public IReadOnlyList<int> Rounds { get; }

    /// <summary>The centralised baseline's accuracy per organisation (same order as <see cref="Organisations"/>), if computed.</summary>
    public IReadOnlyList<double>? Centralised { get; }

    public double MeanAccuracy(int round) => Rows.Where(r => r.Round == round).Average(r => r.Accuracy);

    public double FinalMeanAccuracy => MeanAccuracy(Rounds[^1]);

    public string ToTable()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"round",-12}");
        foreach (string organisation in Organisations)
        {
            text.Append(CultureInfo.InvariantCulture, $"{organisation,14}");
        }

        text.Append(CultureInfo.InvariantCulture, $"{"mean",10}").AppendLine();
        foreach (int round in Rounds)
        {
            text.Append(CultureInfo.InvariantCulture, $"{round,-12}");
            foreach (string organisation in Organisations)
            {
                RoundPerformance? row = Rows.FirstOrDefault(r => r.Round == round && r.Organisation == organisation);
                text.Append(row is null ? $"{"-",14}" : string.Create(CultureInfo.InvariantCulture, $"{row.Accuracy,14:F4}"));
            }

            text.Append(CultureInfo.InvariantCulture, $"{MeanAccuracy(round),10:F4}").AppendLine();
        }

        if (Centralised is { } baseline)
        {
            text.Append(CultureInfo.InvariantCulture, $"{"centralised",-12}");
            foreach (double accuracy in baseline)
            {
                text.Append(CultureInfo.InvariantCulture, $"{accuracy,14:F4}");
            }

            text.Append(CultureInfo.InvariantCulture, $"{baseline.Average(),10:F4}").AppendLine();
        }

        return text.ToString();
    }

    public string ToCsv()
    {
        var text = new StringBuilder("round,organisation,accuracy\n");
        foreach (RoundPerformance row in Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Round},{row.Organisation},{row.Accuracy:R}\n");
        }

        return text.ToString();
    }

    /// <summary>Accuracy against round, one line per organisation and one for the mean; the baseline dashed.</summary>
    public string ToSvg()
    {
        const int width = 640, height = 400, left = 60, right = 150, top = 40, bottom = 50;
        int plotWidth = width - left - right, plotHeight = height - top - bottom;
        var values = Rows.Select(r => r.Accuracy).Concat(Centralised ?? []).ToList();
        double low = Math.Floor(values.Min() * 20) / 20, high = Math.Min(1, Math.Ceiling(values.Max() * 20) / 20);
        if (high - low < 0.05)
        {
            low = Math.Max(0, high - 0.05);
        }

        double X(int round) => left + (Rounds.Count == 1 ? plotWidth / 2.0 : (round - Rounds[0]) * plotWidth / (double)(Rounds[^1] - Rounds[0]));
        double Y(double accuracy) => top + ((high - accuracy) * plotHeight / (high - low));
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">FedAvg accuracy per round</text>\n");
        for (int tick = 0; tick <= 5; tick++)
        {
            double accuracy = low + ((high - low) * tick / 5);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{F(Y(accuracy))}\" y2=\"{F(Y(accuracy))}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{F(Y(accuracy) + 4)}\" text-anchor=\"end\">{accuracy:0.00}</text>\n");
        }

        foreach (int round in Rounds)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(round))}\" y=\"{top + plotHeight + 18}\" text-anchor=\"middle\">{round}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (plotWidth / 2)}\" y=\"{height - 10}\" text-anchor=\"middle\">round</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"none\" stroke=\"#444\"/>\n");

        var series = Organisations
            .Select(o => (Name: o, Points: Rounds.Select(r => Rows.FirstOrDefault(x => x.Round == r && x.Organisation == o)).Where(x => x is not null).Select(x => (x!.Round, x.Accuracy)).ToList()))
            .Append((Name: "mean", Points: Rounds.Select(r => (Round: r, Accuracy: MeanAccuracy(r))).ToList()))
            .ToList();
        for (int i = 0; i < series.Count; i++)
        {
            string colour = series[i].Name == "mean" ? "#000" : Colours[i % Colours.Length];
            string points = string.Join(' ', series[i].Points.Select(p => $"{F(X(p.Round))},{F(Y(p.Accuracy))}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{(series[i].Name == "mean" ? 3 : 2)}\"/>\n");
            foreach ((int round, double accuracy) in series[i].Points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(round))}\" cy=\"{F(Y(accuracy))}\" r=\"3\" fill=\"{colour}\"/>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"\n<text x=\"{left + plotWidth + 12}\" y=\"{top + 14 + (i * 18)}\" fill=\"{colour}\">{Escape(series[i].Name)}</text>\n");
        }

        if (Centralised is { } baseline)
        {
            double y = Y(baseline.Average());
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#888\" stroke-dasharray=\"6 4\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plotWidth + 12}\" y=\"{top + 14 + (series.Count * 18)}\" fill=\"#888\">centralised</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? string.Empty;
}

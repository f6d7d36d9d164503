using System.Globalization;
using System.Text;

namespace Substra.Samples.FedAvg.Model;

/// <summary>
/// The sample's data, deliberately not identically distributed across organisations (non-IID). One rule labels every
/// row: <c>label = 1</c> when <c>w·x + noise &gt; 0</c>, with a weight on each of the <see cref="FeatureCount"/>
/// features. But each organisation measures only two of the features over their full range (org-1 x0 and x1, org-2 x2
/// and x3, org-3 x4 and x5); the other four barely vary there. Each also sees a different mix of labels. Trained alone,
/// an organisation learns its own two weights and nothing of the others, so its model fails on the other
/// organisations' rows; FedAvg learns the whole rule without moving a row. Deterministic per seed.
/// </summary>
public static class SyntheticData
{
    public const int FeatureCount = 6;

    /// <summary>The name of the CSV file in each data-sample folder, read by the opener.</summary>
    public const string FileName = "data.csv";

    /// <summary>How many features each organisation measures over their full range.</summary>
    public const int FeaturesPerOrganisation = 2;

    private static readonly double[] RuleWeights = [1.5, -1.2, 1.3, -1.0, 1.4, 1.1];

    /// <summary>Moves each organisation's rows along its own features' part of the rule: a different share of label 1.</summary>
    private static readonly double[] LabelShift = [-0.5, 0.0, 0.6];

    private const double MeasuredSpread = 1.2;
    private const double UnmeasuredSpread = 0.15;
    private const double LabelNoise = 0.6;

    /// <summary>The features organisation <paramref name="organisationIndex"/> (0-based) measures over their full range.</summary>
    public static IReadOnlyList<int> MeasuredFeatures(int organisationIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(organisationIndex);
        int first = organisationIndex % (FeatureCount / FeaturesPerOrganisation) * FeaturesPerOrganisation;
        return Enumerable.Range(first, FeaturesPerOrganisation).ToArray();
    }

    /// <summary>Rows for organisation <paramref name="organisationIndex"/> (0-based).</summary>
    public static LabeledData Generate(int organisationIndex, int rows, int seed = 2024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(organisationIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        // Not HashCode.Combine: it is randomised per process, and the data must be the same on every run.
        var random = new Random(unchecked((seed * 7919) + organisationIndex) & int.MaxValue);
        IReadOnlyList<int> measured = MeasuredFeatures(organisationIndex);
        double shift = LabelShift[organisationIndex % LabelShift.Length];
        double measuredNorm = Math.Sqrt(measured.Sum(j => RuleWeights[j] * RuleWeights[j]));

        var features = new List<double[]>(rows);
        var labels = new List<int>(rows);
        for (int i = 0; i < rows; i++)
        {
            double[] x = new double[FeatureCount];
            double score = LabelNoise * NextGaussian(random);
            for (int j = 0; j < FeatureCount; j++)
            {
                x[j] = measured.Contains(j)
                    ? (shift * RuleWeights[j] / measuredNorm) + (MeasuredSpread * NextGaussian(random))
                    : UnmeasuredSpread * NextGaussian(random);
                score += RuleWeights[j] * x[j];
            }

            features.Add(x);
            labels.Add(score > 0 ? 1 : 0);
        }

        return new LabeledData(features, labels);
    }

    /// <summary>Writes rows as <c>label,x0,x1,…</c> with invariant culture and round-trip precision.</summary>
    public static void WriteCsv(LabeledData data, string path)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = new StringBuilder();
        text.Append("label");
        for (int j = 0; j < data.FeatureCount; j++)
        {
            text.Append(CultureInfo.InvariantCulture, $",x{j}");
        }

        text.Append('\n');
        for (int i = 0; i < data.Count; i++)
        {
            text.Append(data.Labels[i].ToString(CultureInfo.InvariantCulture));
            foreach (double value in data.Features[i])
            {
                text.Append(',').Append(value.ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    public static LabeledData ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].StartsWith("label", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{path}' is not a sample CSV: its first line must be the header 'label,x0,…'.");
        }

        var features = new List<double[]>(lines.Length - 1);
        var labels = new List<int>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            string[] cells = lines[i].Split(',');
            if (cells.Length < 2
                || !int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int label))
            {
                throw new InvalidDataException($"'{path}' line {i + 1}: expected 'label,x0,…' with an integer label, got '{lines[i]}'.");
            }

            double[] x = new double[cells.Length - 1];
            for (int j = 1; j < cells.Length; j++)
            {
                if (!double.TryParse(cells[j], NumberStyles.Float, CultureInfo.InvariantCulture, out x[j - 1]))
                {
                    throw new InvalidDataException($"'{path}' line {i + 1}: '{cells[j]}' is not a number.");
                }
            }

            features.Add(x);
            labels.Add(label);
        }

        return new LabeledData(features, labels);
    }

    // Box–Muller; deterministic given the Random's seed.
    private static double NextGaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

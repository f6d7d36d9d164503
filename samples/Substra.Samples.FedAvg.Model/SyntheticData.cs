using System.Globalization;
using System.Text;

namespace Substra.Samples.FedAvg.Model;

/// <summary>
/// The sample's data: two Gaussian clusters (label 0 and 1) in <see cref="FeatureCount"/> dimensions, each organisation's
/// rows shifted by its own offset so that the organisations are not identically distributed. Deterministic per seed.
/// </summary>
public static class SyntheticData
{
    public const int FeatureCount = 4;

    /// <summary>The name of the CSV file in each data-sample folder, read by the opener.</summary>
    public const string FileName = "data.csv";

    private static readonly double[] ClassZeroCentre = [-1.0, -0.5, 0.8, 0.0];
    private static readonly double[] ClassOneCentre = [1.0, 0.5, -0.8, 0.3];

    /// <summary>Rows for organisation <paramref name="organisationIndex"/> (0-based).</summary>
    public static LabeledData Generate(int organisationIndex, int rows, int seed = 2024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(organisationIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        // Not HashCode.Combine: it is randomised per process, and the data must be the same on every run.
        var random = new Random(unchecked((seed * 7919) + organisationIndex) & int.MaxValue);

        // Each organisation sees the clusters shifted along a direction of its own, and a different class balance.
        double[] shift = new double[FeatureCount];
        for (int j = 0; j < FeatureCount; j++)
        {
            shift[j] = 0.4 * Math.Sin((organisationIndex + 1) * (j + 1));
        }

        double positiveShare = 0.4 + (0.1 * (organisationIndex % 3));
        var features = new List<double[]>(rows);
        var labels = new List<int>(rows);
        for (int i = 0; i < rows; i++)
        {
            int label = random.NextDouble() < positiveShare ? 1 : 0;
            double[] centre = label == 1 ? ClassOneCentre : ClassZeroCentre;
            double[] x = new double[FeatureCount];
            for (int j = 0; j < FeatureCount; j++)
            {
                x[j] = centre[j] + shift[j] + (1.1 * NextGaussian(random));
            }

            features.Add(x);
            labels.Add(label);
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

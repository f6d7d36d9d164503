using System.Text.Json;

namespace Substra.Samples.PythonOpener.Functions;

/// <summary>
/// A nearest-centroid classifier over (age, bmi, smoker), kept as per-class sums and counts so that organisations can add
/// their rows to it one after another: training on A then B gives the model of A and B pooled.
/// </summary>
public sealed class CentroidModel
{
    public const int FeatureCount = 3;

    /// <summary>Per class (0: not at risk, 1: at risk): the sum of each feature, then the row count.</summary>
    public double[][] Sums { get; init; } = [new double[FeatureCount + 1], new double[FeatureCount + 1]];

    public static double[] Features(long age, double bmi, bool smoker) => [age / 100.0, bmi / 50.0, smoker ? 1 : 0];

    public void Add(double[] features, bool atRisk)
    {
        var sums = Sums[atRisk ? 1 : 0];
        for (var i = 0; i < FeatureCount; i++)
        {
            sums[i] += features[i];
        }

        sums[FeatureCount]++;
    }

    public bool Predict(double[] features) => Distance(features, 1) < Distance(features, 0);

    public long Rows => (long)(Sums[0][FeatureCount] + Sums[1][FeatureCount]);

    public void WriteTo(Stream stream) => JsonSerializer.Serialize(stream, Sums);

    public static CentroidModel ReadFrom(Stream stream) => new() { Sums = JsonSerializer.Deserialize<double[][]>(stream)! };

    private double Distance(double[] features, int label)
    {
        var sums = Sums[label];
        var count = Math.Max(sums[FeatureCount], 1);
        var distance = 0.0;
        for (var i = 0; i < FeatureCount; i++)
        {
            var difference = features[i] - (sums[i] / count);
            distance += difference * difference;
        }

        return sums[FeatureCount] == 0 ? double.PositiveInfinity : distance;
    }
}

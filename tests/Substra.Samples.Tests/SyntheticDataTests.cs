using Substra.Samples.FedAvg.Model;

namespace Substra.Samples.Tests;

public sealed class SyntheticDataTests
{
    [Fact]
    public void Generation_is_deterministic_and_differs_per_organisation()
    {
        LabeledData a = SyntheticData.Generate(1, 300);
        LabeledData b = SyntheticData.Generate(1, 300);
        LabeledData other = SyntheticData.Generate(2, 300);

        Assert.Equal(a.Labels, b.Labels);
        Assert.All(Enumerable.Range(0, a.Count), i => Assert.Equal(a.Features[i], b.Features[i]));
        Assert.NotEqual(a.Features[0], other.Features[0]);
        Assert.Equal(SyntheticData.FeatureCount, a.FeatureCount);
    }

    [Fact]
    public void Each_organisation_measures_its_own_features_and_sees_its_own_label_mix()
    {
        var shares = new List<double>();
        for (int organisation = 0; organisation < 3; organisation++)
        {
            LabeledData data = SyntheticData.Generate(organisation, 4000);
            IReadOnlyList<int> measured = SyntheticData.MeasuredFeatures(organisation);
            for (int j = 0; j < SyntheticData.FeatureCount; j++)
            {
                double spread = StandardDeviation(data.Features.Select(x => x[j]));
                Assert.True(measured.Contains(j) ? spread > 1.0 : spread < 0.2, $"org-{organisation + 1}, x{j}: standard deviation {spread:F3}");
            }

            shares.Add(data.Labels.Average());
        }

        Assert.Equal([0, 1], SyntheticData.MeasuredFeatures(0));
        Assert.Equal([4, 5], SyntheticData.MeasuredFeatures(2));
        Assert.True(shares[0] < 0.42 && shares[1] is > 0.45 and < 0.55 && shares[2] > 0.6, $"label-1 shares {string.Join(", ", shares)}");
    }

    [Fact]
    public void Csv_round_trips_exactly()
    {
        string path = Path.Combine(Path.GetTempPath(), $"substra-sample-{Guid.NewGuid():N}.csv");
        try
        {
            LabeledData data = SyntheticData.Generate(0, 50);
            SyntheticData.WriteCsv(data, path);

            LabeledData read = SyntheticData.ReadCsv(path);

            Assert.Equal(data.Labels, read.Labels);
            Assert.All(Enumerable.Range(0, data.Count), i => Assert.Equal(data.Features[i], read.Features[i]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_malformed_csv_names_the_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"substra-sample-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "label,x0\n1,0.5\n1,abc\n");

            var error = Assert.Throws<InvalidDataException>(() => SyntheticData.ReadCsv(path));

            Assert.Contains("line 3: 'abc' is not a number", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double StandardDeviation(IEnumerable<double> values)
    {
        double[] all = values.ToArray();
        double mean = all.Average();
        return Math.Sqrt(all.Average(v => (v - mean) * (v - mean)));
    }
}

namespace Substra.Samples.FedAvg.Model;

/// <summary>Rows of features with a 0/1 label each: what the opener gives the functions.</summary>
public sealed class LabeledData
{
    public LabeledData(IReadOnlyList<double[]> features, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.Count != labels.Count)
        {
            throw new ArgumentException($"There are {features.Count} feature rows but {labels.Count} labels; every row needs one label.", nameof(labels));
        }

        int width = features.Count == 0 ? 0 : features[0].Length;
        for (int i = 0; i < features.Count; i++)
        {
            if (features[i].Length != width)
            {
                throw new ArgumentException($"Row {i} has {features[i].Length} features, row 0 has {width}: all rows need the same width.", nameof(features));
            }

            if (labels[i] is not (0 or 1))
            {
                throw new ArgumentException($"Row {i} has label {labels[i]}; labels must be 0 or 1.", nameof(labels));
            }
        }

        Features = features;
        Labels = labels;
        FeatureCount = width;
    }

    public IReadOnlyList<double[]> Features { get; }

    public IReadOnlyList<int> Labels { get; }

    public int Count => Labels.Count;

    public int FeatureCount { get; }

    /// <summary>All rows of several data sets, in order: the pooled data of the centralised baseline.</summary>
    public static LabeledData Concat(IEnumerable<LabeledData> parts)
    {
        var features = new List<double[]>();
        var labels = new List<int>();
        foreach (LabeledData part in parts)
        {
            features.AddRange(part.Features);
            labels.AddRange(part.Labels);
        }

        return new LabeledData(features, labels);
    }
}

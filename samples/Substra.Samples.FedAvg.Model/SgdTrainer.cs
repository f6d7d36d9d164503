namespace Substra.Samples.FedAvg.Model;

/// <summary>Mini-batch gradient descent on the logistic loss.</summary>
public static class SgdTrainer
{
    /// <summary>Trains <paramref name="start"/> on <paramref name="data"/> for the configured epochs and returns the new model.</summary>
    public static LogisticRegression Train(LogisticRegression start, LabeledData data, SgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (data.Count == 0)
        {
            throw new ArgumentException("Training needs at least one row; the data set is empty.", nameof(data));
        }

        start.CheckWidth(data.FeatureCount);
        double[] weights = start.Weights.ToArray();
        double bias = start.Bias;
        double[] gradient = new double[weights.Length];
        int[] order = Enumerable.Range(0, data.Count).ToArray();
        var random = new Random(options.Seed);

        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (int batchStart = 0; batchStart < order.Length; batchStart += options.BatchSize)
            {
                int batchEnd = Math.Min(batchStart + options.BatchSize, order.Length);
                Array.Clear(gradient);
                double biasGradient = 0;
                for (int k = batchStart; k < batchEnd; k++)
                {
                    double[] x = data.Features[order[k]];
                    double z = bias;
                    for (int j = 0; j < x.Length; j++)
                    {
                        z += weights[j] * x[j];
                    }

                    double error = LogisticRegression.Sigmoid(z) - data.Labels[order[k]];
                    for (int j = 0; j < x.Length; j++)
                    {
                        gradient[j] += error * x[j];
                    }

                    biasGradient += error;
                }

                double scale = options.LearningRate / (batchEnd - batchStart);
                for (int j = 0; j < weights.Length; j++)
                {
                    weights[j] -= (scale * gradient[j]) + (options.LearningRate * options.L2 * weights[j]);
                }

                bias -= scale * biasGradient;
            }
        }

        return new LogisticRegression(weights, bias, data.Count);
    }
}

namespace Substra.Samples.FedAvg.Model;

/// <summary>FedAvg: the average of the organisations' models, weighted by how many rows each trained on.</summary>
public static class FederatedAveraging
{
    public static LogisticRegression Average(IReadOnlyList<(LogisticRegression Model, double Weight)> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
        {
            throw new ArgumentException("FedAvg needs at least one model to average.", nameof(models));
        }

        int width = models[0].Model.Weights.Count;
        double total = 0;
        foreach ((LogisticRegression model, double weight) in models)
        {
            if (model.Weights.Count != width)
            {
                throw new ArgumentException($"Cannot average a model of {model.Weights.Count} weights with one of {width}.", nameof(models));
            }

            if (!(weight > 0) || double.IsInfinity(weight))
            {
                throw new ArgumentException($"Each model's weight must be a positive finite number; got {weight}.", nameof(models));
            }

            total += weight;
        }

        double[] weights = new double[width];
        double bias = 0;
        foreach ((LogisticRegression model, double weight) in models)
        {
            double share = weight / total;
            for (int j = 0; j < width; j++)
            {
                weights[j] += share * model.Weights[j];
            }

            bias += share * model.Bias;
        }

        return new LogisticRegression(weights, bias, (long)Math.Round(total));
    }

    /// <summary>Weights each model by the rows it was trained on (<see cref="LogisticRegression.TrainedRows"/>).</summary>
    public static LogisticRegression Average(IReadOnlyList<LogisticRegression> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        foreach (LogisticRegression model in models)
        {
            if (model.TrainedRows == 0)
            {
                throw new ArgumentException("A model to average was never trained (0 trained rows): aggregate the outputs of training tasks.", nameof(models));
            }
        }

        return Average(models.Select(m => (m, (double)m.TrainedRows)).ToList());
    }
}

namespace Substra.Samples.FedAvg.Model;

/// <summary>
/// What the sample's compute plan computes, in memory and in the same order: for tests, and for trying other data or
/// settings without a platform.
/// </summary>
public static class InMemoryFederation
{
    /// <summary>The model an organisation gets by training alone: <paramref name="rounds"/> local trainings in a row, as its train tasks do.</summary>
    public static LogisticRegression TrainAlone(LabeledData train, int rounds)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        LogisticRegression model = LogisticRegression.Zero(train.FeatureCount);
        for (int round = 0; round < rounds; round++)
        {
            model = SgdTrainer.Train(model, train, FedAvgSettings.Training);
        }

        return model;
    }

    /// <summary>FedAvg's averaged model after each round: every organisation trains the previous average, then they are averaged.</summary>
    public static IReadOnlyList<LogisticRegression> FedAvg(IReadOnlyList<LabeledData> trains, int rounds)
    {
        ArgumentNullException.ThrowIfNull(trains);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var models = new List<LogisticRegression>(rounds);
        LogisticRegression global = LogisticRegression.Zero(trains[0].FeatureCount);
        for (int round = 0; round < rounds; round++)
        {
            global = FederatedAveraging.Average(trains.Select(train => SgdTrainer.Train(global, train, FedAvgSettings.Training)).ToList());
            models.Add(global);
        }

        return models;
    }
}

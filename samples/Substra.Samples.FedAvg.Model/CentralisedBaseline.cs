namespace Substra.Samples.FedAvg.Model;

/// <summary>
/// What FedAvg is measured against: the same model trained on the pooled training rows of every organisation, for as
/// many epochs as a federated organisation trains in all rounds, evaluated on each organisation's test rows.
/// </summary>
public static class CentralisedBaseline
{
    /// <summary>The accuracy on each organisation's test rows, in organisation order.</summary>
    public static IReadOnlyList<double> Evaluate(IReadOnlyList<OrganisationData> organisations, int rounds)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        LabeledData pooled = LabeledData.Concat(organisations.Select(o => o.ReadTrain()));
        SgdOptions options = FedAvgSettings.Training with { Epochs = FedAvgSettings.Training.Epochs * rounds };
        LogisticRegression model = SgdTrainer.Train(LogisticRegression.Zero(pooled.FeatureCount), pooled, options);
        return organisations.Select(o => model.Accuracy(o.ReadTest())).ToList();
    }
}

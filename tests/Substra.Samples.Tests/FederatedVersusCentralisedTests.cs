using Substra.Samples.FedAvg.Model;

namespace Substra.Samples.Tests;

/// <summary>
/// The tolerance the sample is held to: after <see cref="FedAvgSettings.Rounds"/> rounds, FedAvg's mean accuracy over the
/// organisations' test rows is at most <see cref="Tolerance"/> below the centralised training of the same model on the
/// pooled rows (same SGD settings, as many epochs as one organisation trains in all rounds).
/// </summary>
public sealed class FederatedVersusCentralisedTests
{
    public const double Tolerance = 0.02;

    [Fact]
    public void FedAvg_in_memory_reaches_the_centralised_accuracy_within_tolerance()
    {
        string folder = Directory.CreateTempSubdirectory("substra-fedavg-").FullName;
        try
        {
            IReadOnlyList<OrganisationData> organisations = SampleDataWriter.Write(folder);
            LogisticRegression global = LogisticRegression.Zero(SyntheticData.FeatureCount);
            for (int round = 0; round < FedAvgSettings.Rounds; round++)
            {
                global = FederatedAveraging.Average(organisations.Select(o => SgdTrainer.Train(global, o.ReadTrain(), FedAvgSettings.Training)).ToList());
            }

            double federated = organisations.Average(o => global.Accuracy(o.ReadTest()));
            double centralised = CentralisedBaseline.Evaluate(organisations, FedAvgSettings.Rounds).Average();

            Assert.True(federated >= centralised - Tolerance, $"FedAvg {federated:F4} vs centralised {centralised:F4}");
            Assert.True(centralised > 0.8, $"the centralised baseline should learn the clusters, got {centralised:F4}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

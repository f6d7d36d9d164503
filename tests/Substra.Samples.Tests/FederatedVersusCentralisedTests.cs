using Substra.Samples.FedAvg.Model;

namespace Substra.Samples.Tests;

/// <summary>
/// What the sample's data and settings must show, checked in memory: after <see cref="FedAvgSettings.Rounds"/> rounds,
/// FedAvg's mean accuracy over the organisations' test data is at most <see cref="Tolerance"/> below the centralised
/// model trained on the pooled rows, at least <see cref="FederationGain"/> above the best organisation training alone,
/// and better than after its first round.
/// </summary>
public sealed class FederatedVersusCentralisedTests
{
    public const double Tolerance = 0.02;

    public const double FederationGain = 0.05;

    [Fact]
    public void FedAvg_beats_every_organisation_alone_and_comes_close_to_the_centralised_model()
    {
        string folder = Directory.CreateTempSubdirectory("substra-fedavg-").FullName;
        try
        {
            IReadOnlyList<OrganisationData> organisations = SampleDataWriter.Write(folder);
            List<LabeledData> trains = organisations.Select(o => o.ReadTrain()).ToList();
            List<LabeledData> tests = organisations.Select(o => o.ReadTest()).ToList();
            double Mean(LogisticRegression model) => tests.Average(model.Accuracy);

            IReadOnlyList<LogisticRegression> rounds = InMemoryFederation.FedAvg(trains, FedAvgSettings.Rounds);
            double federated = Mean(rounds[^1]);
            double centralised = CentralisedBaseline.Evaluate(organisations, FedAvgSettings.Rounds).Average();
            double bestAlone = trains.Max(train => Mean(InMemoryFederation.TrainAlone(train, FedAvgSettings.Rounds)));

            string figures = $"FedAvg {Mean(rounds[0]):F4} → {federated:F4}, centralised {centralised:F4}, best alone {bestAlone:F4}";
            Assert.True(federated >= centralised - Tolerance, figures);
            Assert.True(federated >= bestAlone + FederationGain, figures);
            Assert.True(federated > Mean(rounds[0]), figures);
            Assert.True(centralised > 0.85, figures);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Each_organisation_alone_does_well_at_home_and_worse_on_the_others_data()
    {
        string folder = Directory.CreateTempSubdirectory("substra-fedavg-").FullName;
        try
        {
            IReadOnlyList<OrganisationData> organisations = SampleDataWriter.Write(folder);
            for (int i = 0; i < organisations.Count; i++)
            {
                LogisticRegression alone = InMemoryFederation.TrainAlone(organisations[i].ReadTrain(), FedAvgSettings.Rounds);
                double home = alone.Accuracy(organisations[i].ReadTest());
                double elsewhere = organisations.Where(o => o.Index != i).Average(o => alone.Accuracy(o.ReadTest()));

                Assert.True(home > 0.85 && elsewhere < home - 0.05, $"org-{i + 1} alone: {home:F4} at home, {elsewhere:F4} elsewhere");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

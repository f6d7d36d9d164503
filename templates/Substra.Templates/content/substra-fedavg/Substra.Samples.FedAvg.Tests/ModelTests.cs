using Substra.Samples.FedAvg.Model;

namespace Substra.Samples.FedAvg.Tests;

public sealed class ModelTests
{
    [Fact]
    public void A_model_round_trips_through_its_file_format()
    {
        var model = new LogisticRegression([0.5, -1.5], 0.25, trainedRows: 10);
        using var stream = new MemoryStream();
        model.WriteTo(stream);
        stream.Position = 0;

        LogisticRegression read = LogisticRegression.ReadFrom(stream);

        Assert.Equal(model.Weights, read.Weights);
        Assert.Equal(model.Bias, read.Bias);
    }

    [Fact]
    public void FedAvg_on_the_synthetic_data_beats_training_alone_and_comes_close_to_centralised_training()
    {
        string folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            IReadOnlyList<OrganisationData> organisations = SampleDataWriter.Write(folder);
            List<LabeledData> trains = organisations.Select(o => o.ReadTrain()).ToList();
            double Mean(LogisticRegression model) => organisations.Average(o => model.Accuracy(o.ReadTest()));

            double federated = Mean(InMemoryFederation.FedAvg(trains, FedAvgSettings.Rounds)[^1]);
            double bestAlone = trains.Max(train => Mean(InMemoryFederation.TrainAlone(train, FedAvgSettings.Rounds)));
            double centralised = CentralisedBaseline.Evaluate(organisations, FedAvgSettings.Rounds).Average();

            Assert.InRange(federated, bestAlone + 0.03, 1.0);
            Assert.InRange(federated, centralised - 0.03, 1.0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

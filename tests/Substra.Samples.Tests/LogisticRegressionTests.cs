using Substra.Samples.FedAvg.Model;

namespace Substra.Samples.Tests;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void Serialisation_round_trips_bit_for_bit()
    {
        var model = new LogisticRegression([0.1, -2.5, double.Epsilon, 1e300], -0.75, trainedRows: 1234);
        using var stream = new MemoryStream();
        model.WriteTo(stream);
        stream.Position = 0;

        LogisticRegression read = LogisticRegression.ReadFrom(stream);

        Assert.Equal(model.Weights, read.Weights);
        Assert.Equal(model.Bias, read.Bias);
        Assert.Equal(1234, read.TrainedRows);
    }

    [Fact]
    public void Reading_a_foreign_or_truncated_file_says_so()
    {
        var foreign = Assert.Throws<InvalidDataException>(() => LogisticRegression.ReadFrom(new MemoryStream("{\"all\": 0.5}"u8.ToArray())));
        Assert.Contains("not a logistic-regression model file", foreign.Message);

        using var stream = new MemoryStream();
        new LogisticRegression([1, 2, 3], 0).WriteTo(stream);
        byte[] truncated = stream.ToArray()[..^4];
        var cut = Assert.Throws<InvalidDataException>(() => LogisticRegression.ReadFrom(new MemoryStream(truncated)));
        Assert.Contains("declares 3 weights", cut.Message);
    }

    [Fact]
    public void FedAvg_weights_models_by_trained_rows()
    {
        var a = new LogisticRegression([1.0, 0.0], 1.0, trainedRows: 100);
        var b = new LogisticRegression([0.0, 4.0], -1.0, trainedRows: 300);

        LogisticRegression average = FederatedAveraging.Average([a, b]);

        Assert.Equal([0.25, 3.0], average.Weights);
        Assert.Equal(-0.5, average.Bias);
        Assert.Equal(400, average.TrainedRows);
    }

    [Fact]
    public void FedAvg_rejects_untrained_and_mismatched_models()
    {
        var untrained = Assert.Throws<ArgumentException>(() => FederatedAveraging.Average([LogisticRegression.Zero(2)]));
        Assert.Contains("never trained", untrained.Message);

        var mismatch = Assert.Throws<ArgumentException>(() => FederatedAveraging.Average(
            [new LogisticRegression([1.0], 0, 1), new LogisticRegression([1.0, 2.0], 0, 1)]));
        Assert.Contains("Cannot average a model of 2 weights with one of 1", mismatch.Message);
    }

    [Fact]
    public void Accuracy_counts_correct_predictions()
    {
        var model = new LogisticRegression([1.0], 0);
        var data = new LabeledData([[2.0], [-1.0], [3.0], [-4.0]], [1, 0, 0, 0]);

        Assert.Equal(0.75, model.Accuracy(data));
    }

    [Fact]
    public void Training_learns_the_synthetic_clusters_and_is_reproducible()
    {
        LabeledData train = SyntheticData.Generate(0, 2000);
        LabeledData test = SyntheticData.Generate(0, 500, seed: 7);
        var options = new SgdOptions { Epochs = 3 };
        LogisticRegression start = LogisticRegression.Zero(SyntheticData.FeatureCount);

        LogisticRegression first = SgdTrainer.Train(start, train, options);
        LogisticRegression second = SgdTrainer.Train(start, train, options);

        Assert.Equal(first.Weights, second.Weights);
        Assert.True(first.Accuracy(test) > 0.8, $"accuracy {first.Accuracy(test)} should be above 0.8 on separable clusters");
    }

    [Fact]
    public void Bad_training_options_are_explained()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions { LearningRate = 0 }.Validate());
        Assert.Contains("learning rate must be a positive", error.Message);
    }
}

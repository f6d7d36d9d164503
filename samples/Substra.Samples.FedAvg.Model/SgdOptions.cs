namespace Substra.Samples.FedAvg.Model;

/// <summary>Local training settings. The same values drive the federated and the centralised training.</summary>
public sealed record SgdOptions
{
    public double LearningRate { get; init; } = 0.1;

    public int Epochs { get; init; } = 1;

    public int BatchSize { get; init; } = 32;

    /// <summary>L2 penalty on the weights (not the bias).</summary>
    public double L2 { get; init; } = 1e-4;

    /// <summary>Seeds the row shuffling, so a training run is reproducible.</summary>
    public int Seed { get; init; } = 42;

    public void Validate()
    {
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a positive finite number, e.g. 0.1.");
        }

        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Train for at least one epoch.");
        }

        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be at least 1.");
        }

        if (L2 < 0 || double.IsNaN(L2))
        {
            throw new ArgumentOutOfRangeException(nameof(L2), L2, "The L2 penalty must be zero or positive.");
        }
    }
}

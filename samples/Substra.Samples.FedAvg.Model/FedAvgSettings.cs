namespace Substra.Samples.FedAvg.Model;

/// <summary>
/// The sample's settings, shared by the functions, the runner and the centralised baseline so that the comparison
/// between federated and centralised training is like for like.
/// </summary>
public static class FedAvgSettings
{
    public const int Organisations = 3;

    public const int Rounds = 5;

    /// <summary>Rows per organisation: very different sizes, so that FedAvg's weighting matters and takes rounds to settle.</summary>
    public static IReadOnlyList<int> RowsPerOrganisation { get; } = [4000, 1500, 800];

    /// <summary>Training rows go into this many sample folders; one more folder holds the test rows.</summary>
    public const int TrainSamplesPerOrganisation = 4;

    /// <summary>The share of each organisation's rows kept for evaluation.</summary>
    public const double TestShare = 0.2;

    /// <summary>Local training per round: one epoch of mini-batch SGD.</summary>
    public static SgdOptions Training { get; } = new() { LearningRate = 0.2, Epochs = 1, BatchSize = 32, L2 = 1e-4, Seed = 42 };
}

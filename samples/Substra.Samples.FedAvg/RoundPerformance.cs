namespace Substra.Samples.FedAvg;

/// <summary>One evaluation: the accuracy of a round's model on one organisation's test samples.</summary>
public sealed record RoundPerformance(int Round, string Organisation, double Accuracy);

namespace Substra.Samples.FedAvg;

/// <summary>
/// One model's accuracy on each organisation's test data: a row of the table, a line of the chart, rows of the CSV.
/// </summary>
/// <param name="Kind">How the model was trained.</param>
/// <param name="Round">The FedAvg round; null for the other models.</param>
/// <param name="TrainedOn">Whose data trained it: an organisation, "all organisations" or "pooled data".</param>
/// <param name="Accuracies">The accuracy on each organisation's test data, in the report's organisation order.</param>
public sealed record ModelAccuracy(ModelKind Kind, int? Round, string TrainedOn, IReadOnlyList<double> Accuracies)
{
    /// <summary>The mean over the organisations: how well the model serves the whole federation.</summary>
    public double Mean => Accuracies.Average();

    public string Label => Kind switch
    {
        ModelKind.LocalOnly => $"{TrainedOn} alone",
        ModelKind.FedAvg => $"FedAvg round {Round}",
        _ => "centralised (pooled data)",
    };
}

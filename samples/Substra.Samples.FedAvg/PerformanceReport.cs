namespace Substra.Samples.FedAvg;

/// <summary>
/// What a run shows: each organisation's model trained alone, FedAvg's model after each round and the centralised
/// model, each evaluated on every organisation's test data.
/// </summary>
public sealed class PerformanceReport
{
    private readonly List<string> _organisations;

    public PerformanceReport(IReadOnlyList<string> organisations, IEnumerable<ModelAccuracy> models)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(models);
        _organisations = organisations.ToList();
        var all = models.ToList();
        if (all.FirstOrDefault(m => m.Accuracies.Count != Organisations.Count) is { } wrong)
        {
            throw new ArgumentException(
                $"{wrong.Label} has {wrong.Accuracies.Count} accuracies for {Organisations.Count} organisations: one per organisation is needed.", nameof(models));
        }

        LocalOnly = all.Where(m => m.Kind == ModelKind.LocalOnly).OrderBy(m => _organisations.IndexOf(m.TrainedOn)).ToList();
        FedAvg = all.Where(m => m.Kind == ModelKind.FedAvg).OrderBy(m => m.Round).ToList();
        Centralised = all.SingleOrDefault(m => m.Kind == ModelKind.Centralised);
        if (FedAvg.Count == 0)
        {
            throw new ArgumentException("The plan reported no FedAvg performance: nothing to report.", nameof(models));
        }
    }

    public IReadOnlyList<string> Organisations => _organisations;

    /// <summary>One model per organisation, trained on its data only, in organisation order.</summary>
    public IReadOnlyList<ModelAccuracy> LocalOnly { get; }

    /// <summary>FedAvg's model after each round, in round order.</summary>
    public IReadOnlyList<ModelAccuracy> FedAvg { get; }

    public ModelAccuracy? Centralised { get; }

    /// <summary>Every model, in the table's order: alone, FedAvg by round, centralised.</summary>
    public IEnumerable<ModelAccuracy> Models => LocalOnly.Concat(FedAvg).Concat(Centralised is null ? [] : [Centralised]);

    public IReadOnlyList<int> Rounds => FedAvg.Select(m => m.Round!.Value).ToList();

    public double FinalMeanAccuracy => FedAvg[^1].Mean;

    /// <summary>What the run shows, with its figures: one line per kind of model.</summary>
    public IReadOnlyList<string> Summary()
    {
        var lines = new List<string>();
        if (LocalOnly.Count > 0)
        {
            lines.Add("Trained alone: " + string.Join(", ", LocalOnly.Select(m => FormattableString.Invariant($"{m.TrainedOn} {m.Mean:F4}"))));
        }

        lines.Add(FormattableString.Invariant($"FedAvg: {FedAvg[0].Mean:F4} after round {FedAvg[0].Round}, {FinalMeanAccuracy:F4} after round {FedAvg[^1].Round}"));
        if (Centralised is not null)
        {
            lines.Add(FormattableString.Invariant($"Centralised on the pooled data: {Centralised.Mean:F4}"));
        }

        return lines;
    }
}

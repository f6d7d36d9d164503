namespace Substra.Sdk.Plans;

/// <summary>The tasks of one round of a federated plan, for code that wants to tag or inspect them.</summary>
/// <param name="Round">The round index (1-based), also the tasks' <c>round_idx</c> metadata.</param>
/// <param name="Train">The training tasks, one per data organisation (in cyclic training, in visiting order).</param>
/// <param name="Aggregate">The aggregation task (FedAvg only).</param>
/// <param name="Evaluate">The evaluation tasks, one per data organisation.</param>
/// <param name="Model">The round's resulting model.</param>
public sealed record FederatedRound(
    int Round,
    IReadOnlyList<PlanTask> Train,
    PlanTask? Aggregate,
    IReadOnlyList<PlanTask> Evaluate,
    TaskOutput Model);

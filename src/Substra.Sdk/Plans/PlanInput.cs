namespace Substra.Sdk.Plans;

/// <summary>What feeds one model input of a task: a parent task's output or an existing model asset.</summary>
internal sealed record PlanInput(string Identifier, TaskOutput? Parent, string? ModelKey);

namespace Substra.Tools;

/// <summary>The task properties passed with <c>--task-properties</c>; a function parameter of this type receives them.</summary>
/// <param name="Rank">The task's rank in its compute plan.</param>
public sealed record TaskProperties(int Rank);

namespace SubstraApp.Data;

/// <summary>What the opener gives the functions: the values of the task's data samples.</summary>
public sealed record Measurements(IReadOnlyList<double> Values);

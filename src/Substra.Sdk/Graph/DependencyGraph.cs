using Substra.Sdk.Schemas;

namespace Substra.Sdk.Graph;

/// <summary>The DAG of a plan's tasks: task id → parent task keys, and each task as a standalone spec.</summary>
internal sealed record DependencyGraph(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Dependencies,
    IReadOnlyDictionary<string, TaskSpec> Tasks);

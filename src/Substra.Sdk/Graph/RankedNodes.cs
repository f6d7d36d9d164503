namespace Substra.Sdk.Graph;

/// <summary>A ranked DAG by node position: <see cref="Order"/> as <see cref="ComputePlanGraph.ComputeRanks"/> orders its result, <see cref="Ranks"/> by position.</summary>
internal readonly record struct RankedNodes(int[] Order, int[] Ranks);

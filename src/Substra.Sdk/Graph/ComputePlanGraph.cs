using System.Runtime.CompilerServices;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Graph;

/// <summary>
/// Ranks of a compute plan's DAG (docs/compatibility.md#ranks): a node without dependency has rank 0, every other node one more
/// than its highest-ranked dependency (longest-path depth). Runs in O(nodes + edges).
/// </summary>
internal static class ComputePlanGraph
{
    private const string CircularDependencyFound = "missing dependency among inModels IDs, circular dependency found";

    /// <summary>Computes the rank of every node of <paramref name="nodeGraph"/>.</summary>
    /// <param name="nodeGraph">Node → the nodes it depends on, enumerated in the plan's order.</param>
    /// <param name="nodesToIgnore">Dependencies that do not count (a node of the graph cannot be ignored).</param>
    /// <param name="knownRanks">
    /// Ranks of nodes outside the graph (tasks registered before): a node depending on one gets at least its rank + 1.
    /// </param>
    /// <param name="ignoreUnknownDependencies">
    /// Treat a dependency that is neither in the graph, ignored nor known as already created (the remote backend's rule);
    /// when false it is an error naming it.
    /// </param>
    /// <returns>
    /// The ranks, in the reference's insertion order: nodes without dependency in the graph first (in graph order), then
    /// in discovery order. A stable sort on rank over this order gives the order in which to add tasks.
    /// </returns>
    /// <exception cref="InvalidRequestException">A cycle, or an unknown dependency.</exception>
    public static OrderedDictionary<string, int> ComputeRanks(
        IReadOnlyDictionary<string, IReadOnlyList<string>> nodeGraph,
        IReadOnlySet<string>? nodesToIgnore = null,
        IReadOnlyDictionary<string, int>? knownRanks = null,
        bool ignoreUnknownDependencies = false)
    {
        ArgumentNullException.ThrowIfNull(nodeGraph);
        var count = nodeGraph.Count;
        var names = new string[count];
        var dependencies = new IReadOnlyList<string>[count];
        var index = new Dictionary<string, int>(count, StringComparer.Ordinal);
        foreach (var (node, nodeDependencies) in nodeGraph)
        {
            names[index.Count] = node;
            dependencies[index.Count] = nodeDependencies ?? [];
            index.Add(node, index.Count);
        }

        var ranked = Rank(names, index, dependencies, nodesToIgnore, knownRanks, ignoreUnknownDependencies);
        var result = new OrderedDictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            result.Add(names[ranked.Order[i]], ranked.Ranks[ranked.Order[i]]);
        }

        return result;
    }

    /// <summary>
    /// <see cref="ComputeRanks"/> on nodes given by position, for callers that already hold them indexed (a plan's
    /// registration): no dictionary of names is built or returned.
    /// </summary>
    /// <param name="names">The nodes, in the plan's order.</param>
    /// <param name="index">Node → its position in <paramref name="names"/>.</param>
    /// <param name="dependencies">The dependencies of each node, by position.</param>
    /// <param name="nodesToIgnore">As in <see cref="ComputeRanks"/>.</param>
    /// <param name="knownRanks">As in <see cref="ComputeRanks"/>.</param>
    /// <param name="ignoreUnknownDependencies">As in <see cref="ComputeRanks"/>.</param>
    /// <returns>Positions in the order of <see cref="ComputeRanks"/>'s result, and the rank of each position.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RankedNodes Rank(
        string[] names,
        Dictionary<string, int> index,
        IReadOnlyList<string>[] dependencies,
        IReadOnlySet<string>? nodesToIgnore = null,
        IReadOnlyDictionary<string, int>? knownRanks = null,
        bool ignoreUnknownDependencies = false)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(dependencies);
        var count = names.Length;
        if (nodesToIgnore is not null)
        {
            foreach (var node in names)
            {
                if (nodesToIgnore.Contains(node))
                {
                    throw new ArgumentException($"The node '{node}' is both in the graph and in the nodes to ignore.", nameof(nodesToIgnore));
                }
            }
        }

        // Dependencies resolved once into a flat array (CSR layout): few allocations for large plans.
        var ranks = new int[count];
        var dependencyStart = new int[count + 1];
        var resolved = new List<int>(count * 2);
        for (var position = 0; position < count; position++)
        {
            var node = names[position];
            dependencyStart[position] = resolved.Count;
            // An index loop: a foreach over the interface would box an enumerator per node.
            var nodeDependencyList = dependencies[position] ?? [];
            for (var d = 0; d < nodeDependencyList.Count; d++)
            {
                var dependency = nodeDependencyList[d];
                if (nodesToIgnore is not null && nodesToIgnore.Contains(dependency))
                {
                    continue;
                }

                if (index.TryGetValue(dependency, out var parent))
                {
                    resolved.Add(parent);
                }
                else if (knownRanks is not null && knownRanks.TryGetValue(dependency, out var knownRank))
                {
                    ranks[position] = Math.Max(ranks[position], knownRank + 1);
                }
                else if (!ignoreUnknownDependencies)
                {
                    throw new InvalidRequestException(
                        $"missing dependency among inModels IDs, '{node}' depends on '{dependency}', which is neither in the plan nor already registered",
                        400);
                }
            }
        }

        dependencyStart[count] = resolved.Count;
        var pending = new int[count];
        var childStart = new int[count + 1];
        for (var node = 0; node < count; node++)
        {
            pending[node] = dependencyStart[node + 1] - dependencyStart[node];
            for (var edge = dependencyStart[node]; edge < dependencyStart[node + 1]; edge++)
            {
                childStart[resolved[edge] + 1]++;
            }
        }

        for (var node = 0; node < count; node++)
        {
            childStart[node + 1] += childStart[node];
        }

        var children = new int[resolved.Count];
        var fill = childStart[..count];
        for (var node = 0; node < count; node++)
        {
            for (var edge = dependencyStart[node]; edge < dependencyStart[node + 1]; edge++)
            {
                children[fill[resolved[edge]]++] = node;
            }
        }

        var order = new int[count];
        var ordered = 0;
        for (var node = 0; node < count; node++)
        {
            if (pending[node] == 0)
            {
                order[ordered++] = node;
            }
        }

        if (ordered == 0 && count > 0)
        {
            throw new InvalidRequestException(CircularDependencyFound, 400);
        }

        // Kahn's algorithm: the order array doubles as the queue.
        for (var head = 0; head < ordered; head++)
        {
            var current = order[head];
            for (var edge = childStart[current]; edge < childStart[current + 1]; edge++)
            {
                var child = children[edge];
                ranks[child] = Math.Max(ranks[child], ranks[current] + 1);
                if (--pending[child] == 0)
                {
                    order[ordered++] = child;
                }
            }
        }

        if (ordered < count)
        {
            ThrowCycle(names, new Dependencies(dependencyStart, resolved), pending);
        }

        return new RankedNodes(order, ranks);
    }

    /// <summary>
    /// The dependency graph of plan tasks (<c>task_id</c> → parent task keys) and each task as a <see cref="TaskSpec"/>
    /// of plan <paramref name="computePlanKey"/> (rank not set yet).
    /// </summary>
    /// <exception cref="InvalidRequestException">Two tasks have the same id.</exception>
    public static DependencyGraph GetDependencyGraph(string computePlanKey, IReadOnlyList<ComputePlanTaskSpec>? tasks)
    {
        var graph = new Dictionary<string, IReadOnlyList<string>>(tasks?.Count ?? 0, StringComparer.Ordinal);
        var specs = new Dictionary<string, TaskSpec>(tasks?.Count ?? 0, StringComparer.Ordinal);
        foreach (var task in tasks ?? [])
        {
            if (graph.ContainsKey(task.TaskId))
            {
                throw new InvalidRequestException($"Two tasks cannot have the same id. Duplicate task_id: '{task.TaskId}'.", 400);
            }

            var parents = new List<string>();
            foreach (var input in task.Inputs ?? [])
            {
                if (!string.IsNullOrEmpty(input.ParentTaskKey))
                {
                    parents.Add(input.ParentTaskKey);
                }
            }

            graph.Add(task.TaskId, parents);
            specs.Add(task.TaskId, TaskSpec.FromComputePlan(computePlanKey, null, task));
        }

        return new DependencyGraph(graph, specs);
    }

    /// <summary>The nodes of <paramref name="ranks"/> by ascending rank, stable over the ranks' order.</summary>
    public static IReadOnlyList<string> OrderByRank(OrderedDictionary<string, int> ranks)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        return ranks.OrderBy(pair => pair.Value).Select(pair => pair.Key).ToArray();
    }

    /// <summary>The positions of <paramref name="ranked"/> by ascending rank, stable over its order (a counting sort).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] OrderByRank(RankedNodes ranked)
    {
        var order = ranked.Order;
        var ranks = ranked.Ranks;
        var highest = 0;
        for (var i = 0; i < ranks.Length; i++)
        {
            highest = Math.Max(highest, ranks[i]);
        }

        var start = new int[highest + 2];
        for (var i = 0; i < ranks.Length; i++)
        {
            start[ranks[i] + 1]++;
        }

        for (var rank = 0; rank <= highest; rank++)
        {
            start[rank + 1] += start[rank];
        }

        var result = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            result[start[ranks[order[i]]]++] = order[i];
        }

        return result;
    }

    // Every node left has a pending dependency, so walking dependencies backwards must come back to the walk: that is a cycle.
    // The walk starts where the reference's BFS enters the cycle, so a two-node cycle is reported as the reference does.
    private static void ThrowCycle(string[] names, Dependencies dependencies, int[] pending)
    {
        var start = -1;
        for (var node = 0; node < names.Length && start < 0; node++)
        {
            if (pending[node] > 0 && dependencies.Of(node).Any(dependency => pending[dependency] == 0))
            {
                start = node;
            }
        }

        if (start < 0)
        {
            start = Array.FindIndex(pending, value => value > 0);
        }

        var onPath = new HashSet<int>();
        var current = start;
        while (onPath.Add(current))
        {
            var next = dependencies.Of(current).First(dependency => pending[dependency] > 0);
            if (onPath.Contains(next))
            {
                throw new InvalidRequestException(
                    $"missing dependency among inModels IDs, circular dependency between {names[current]} and {names[next]}", 400);
            }

            current = next;
        }

        throw new InvalidRequestException(CircularDependencyFound, 400);
    }

    // The in-graph dependencies of each node: node i's are Parents[Start[i]..Start[i + 1]].
    private readonly record struct Dependencies(int[] Start, List<int> Parents)
    {
        public IEnumerable<int> Of(int node)
        {
            for (var i = Start[node]; i < Start[node + 1]; i++)
            {
                yield return Parents[i];
            }
        }
    }
}

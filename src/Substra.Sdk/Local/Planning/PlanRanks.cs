namespace Substra.Sdk.Local.Planning;

/// <summary>
/// Ranks of new compute-plan tasks: longest-path depth from the plan's roots, where a parent may be a new task of the
/// same batch or a task already registered in the same plan (its rank is known). Parents in other plans do not count
/// for the rank. The result also gives a registration order: ascending rank, then the order given.
/// </summary>
internal static class PlanRanks
{
    /// <param name="taskIds">The new tasks, in the order given.</param>
    /// <param name="parents">For each new task, the keys of its parent tasks (duplicates allowed).</param>
    /// <param name="existingRank">
    /// The rank of an already registered task of the same plan; <c>-1</c> for a task registered in another plan
    /// (valid, not ranked); <c>null</c> for an unknown key.
    /// </param>
    /// <param name="error">Builds the exception for an invalid graph (the reference's InvalidRequest, status 400).</param>
    public static RankedTasks Compute(
        IReadOnlyList<string> taskIds,
        IReadOnlyList<IReadOnlyList<string>> parents,
        Func<string, int?> existingRank,
        Func<string, Exception> error)
    {
        var count = taskIds.Count;
        var index = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            if (!index.TryAdd(taskIds[i], i))
            {
                throw error("Two tasks cannot have the same id.");
            }
        }

        // Edges inside the batch (parent -> child) and the base rank each task gets from already registered parents.
        var ranks = new int[count];
        var pending = new int[count];
        var childStart = new int[count + 1];
        var edges = new List<(int Parent, int Child)>();
        for (var child = 0; child < count; child++)
        {
            foreach (var parent in parents[child])
            {
                if (index.TryGetValue(parent, out var parentIndex))
                {
                    edges.Add((parentIndex, child));
                    pending[child]++;
                    childStart[parentIndex + 1]++;
                    continue;
                }

                var rank = existingRank(parent) ?? throw error(
                    $"missing dependency among inModels IDs: the parent task '{parent}' of task '{taskIds[child]}' is neither in the compute plan " +
                    "nor an existing task. Add the parent task to the plan, or register it first.");
                if (rank >= 0)
                {
                    ranks[child] = Math.Max(ranks[child], rank + 1);
                }
            }
        }

        // Children in compressed adjacency form: 100,000 tasks must rank in a few milliseconds.
        for (var i = 0; i < count; i++)
        {
            childStart[i + 1] += childStart[i];
        }

        var children = new int[edges.Count];
        var fill = (int[])childStart.Clone();
        foreach (var (parent, child) in edges)
        {
            children[fill[parent]++] = child;
        }

        var queue = new int[count];
        int head = 0, tail = 0;
        for (var i = 0; i < count; i++)
        {
            if (pending[i] == 0)
            {
                queue[tail++] = i;
            }
        }

        if (tail == 0 && count > 0)
        {
            throw error("missing dependency among inModels IDs, circular dependency found");
        }

        while (head < tail)
        {
            var node = queue[head++];
            for (var e = childStart[node]; e < childStart[node + 1]; e++)
            {
                var child = children[e];
                ranks[child] = Math.Max(ranks[child], ranks[node] + 1);
                if (--pending[child] == 0)
                {
                    queue[tail++] = child;
                }
            }
        }

        if (tail < count)
        {
            var (from, to) = FindCycleEdge(pending, edges);
            throw error($"missing dependency among inModels IDs, circular dependency between {taskIds[from]} and {taskIds[to]}");
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        // Stable: ties keep the order given.
        Array.Sort(order, (a, b) => ranks[a] != ranks[b] ? ranks[a].CompareTo(ranks[b]) : a.CompareTo(b));
        return new RankedTasks(ranks, order);
    }

    /// <summary>An edge of a cycle among the tasks Kahn's algorithm could not rank.</summary>
    private static (int From, int To) FindCycleEdge(int[] pending, List<(int Parent, int Child)> edges)
    {
        // Every unranked task has an unranked parent, so walking up unranked parents must revisit a task: a cycle.
        var unrankedParent = new Dictionary<int, int>();
        foreach (var (parent, child) in edges)
        {
            if (pending[parent] > 0 && pending[child] > 0)
            {
                unrankedParent.TryAdd(child, parent);
            }
        }

        var seen = new HashSet<int>();
        var node = Array.FindIndex(pending, p => p > 0);
        while (seen.Add(node))
        {
            node = unrankedParent[node];
        }

        return (unrankedParent[node], node);
    }
}

/// <summary>Ranks by input index, and the input indices in registration order.</summary>
internal sealed record RankedTasks(int[] Ranks, int[] Order);

using Substra.Sdk.Exceptions;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Remote;

/// <summary>
/// The reference's <c>get_tasks</c>: plan tasks as standalone specs, sorted (stably) by rank, where a parent that is not
/// in the spec is a task already registered on the platform and does not count.
/// </summary>
internal static class RemoteTaskOrder
{
    public static List<TaskSpec> Order(string computePlanKey, IReadOnlyList<ComputePlanTaskSpec>? tasks)
    {
        var list = tasks ?? [];
        var index = new Dictionary<string, int>(list.Count, StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            if (!index.TryAdd(list[i].TaskId, i))
            {
                throw new InvalidRequestException($"Two tasks cannot have the same id. Duplicate task_id: '{list[i].TaskId}'.", 400);
            }
        }
        var children = new List<int>?[list.Count];
        var pending = new int[list.Count];
        for (var child = 0; child < list.Count; child++)
        {
            foreach (var input in list[child].Inputs ?? [])
            {
                if (!string.IsNullOrEmpty(input.ParentTaskKey) && index.TryGetValue(input.ParentTaskKey, out var parent))
                {
                    (children[parent] ??= []).Add(child);
                    pending[child]++;
                }
            }
        }
        // Kahn's algorithm; rank = longest path from a task without parents in the spec.
        var ranks = new int[list.Count];
        var queue = new Queue<int>(Enumerable.Range(0, list.Count).Where(i => pending[i] == 0));
        var seen = 0;
        while (queue.TryDequeue(out var current))
        {
            seen++;
            foreach (var child in children[current] ?? [])
            {
                ranks[child] = Math.Max(ranks[child], ranks[current] + 1);
                if (--pending[child] == 0)
                {
                    queue.Enqueue(child);
                }
            }
        }
        if (seen < list.Count)
        {
            var cycle = Enumerable.Range(0, list.Count).Where(i => pending[i] > 0).Select(i => list[i].TaskId).Take(5);
            throw new InvalidRequestException(
                $"missing dependency among inModels IDs, circular dependency found between tasks {string.Join(", ", cycle)}", 400);
        }
        return Enumerable.Range(0, list.Count)
            .OrderBy(i => ranks[i])
            .Select(i => TaskSpec.FromComputePlan(computePlanKey, null, list[i]))
            .ToList();
    }
}

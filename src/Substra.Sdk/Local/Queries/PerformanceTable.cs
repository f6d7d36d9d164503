using System.Globalization;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Models;
using Substra.Tools.Schema;

namespace Substra.Sdk.Local.Queries;

/// <summary>
/// A plan's performances (docs/compatibility.md#reads): its DONE tasks by rank, one row per performance output asset,
/// with <c>round_idx</c> from the task's metadata. Every performance output counts. Runs under the store's lock.
/// </summary>
internal static class PerformanceTable
{
    /// <param name="store">The store (locked by the caller).</param>
    /// <param name="plan">The plan.</param>
    /// <param name="now">The time of the snapshot.</param>
    /// <param name="finishing">A task whose outputs are saved but that is not marked DONE yet: counted as done.</param>
    public static Performances Build(LocalStore store, PlanEntry plan, DateTimeOffset now, TaskEntry? finishing = null)
    {
        var snapshot = plan.Snapshot(now);
        if (finishing is not null && snapshot.Status == ComputePlanStatus.Doing && snapshot.DoneCount + 1 == snapshot.TaskCount)
        {
            snapshot = snapshot with { Status = ComputePlanStatus.Done, EndDate = now };
        }

        var rows = new List<PerformanceRow>();
        foreach (var task in plan.Tasks.Where(task => task.Status == ComputeTaskStatus.Done || task == finishing).OrderBy(task => task.Rank))
        {
            var outputs = store.OutputAssets.GetValueOrDefault(task.Key);
            if (outputs is null)
            {
                continue;
            }

            foreach (var declared in task.Function.Outputs.Where(output => output.Kind == AssetKind.Performance))
            {
                foreach (var output in outputs.Where(output => output.Identifier == declared.Identifier && output.Performance is not null))
                {
                    rows.Add(new PerformanceRow(
                        snapshot.Key, snapshot.Tag, snapshot.Status, snapshot.StartDate, snapshot.EndDate, snapshot.Metadata,
                        task.Worker, task.Key, task.Rank, RoundIndex(task.Metadata),
                        output.Identifier, output.Performance!.Value));
                }
            }
        }

        return Performances.FromRows(rows);
    }

    private static int? RoundIndex(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue("round_idx", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var round)
            ? round
            : null;
}

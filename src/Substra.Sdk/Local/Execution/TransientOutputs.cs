using Microsoft.Extensions.Logging;
using Substra.Sdk.Local.Store;
using Substra.Sdk.Local.Workspace;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Execution;

/// <summary>
/// Outputs declared <c>transient</c>: as on the platform, a transient model's file is deleted once every task that
/// consumes it has finished; the model stays listed, without an address.
/// </summary>
internal sealed class TransientOutputs(LocalStore store, ModelFiles files, ILogger logger)
{
    private readonly Dictionary<(string Task, string Output), List<TaskEntry>> _consumers = [];

    /// <summary>A task finished: deletes the transient inputs it was the last consumer of.</summary>
    public void Release(TaskEntry finished)
    {
        List<string>? released = null;
        lock (store.Gate)
        {
            foreach (var input in finished.Inputs)
            {
                if (input is not { ParentTaskKey: { Length: > 0 } parentKey, ParentTaskOutputIdentifier: { } outputId }
                    || !store.Tasks.TryGetValue(parentKey, out var parent)
                    || !parent.Outputs.TryGetValue(outputId, out var output) || !output.IsTransient)
                {
                    continue;
                }

                if (!_consumers.TryGetValue((parentKey, outputId), out var consumers))
                {
                    // Built once per transient output: every registered task that reads it.
                    consumers = store.Tasks.Values.Where(task => task.Inputs.Any(other =>
                        other.ParentTaskKey == parentKey && other.ParentTaskOutputIdentifier == outputId)).ToList();
                    _consumers[(parentKey, outputId)] = consumers;
                }

                if (consumers.TrueForAll(consumer => consumer.IsFinished))
                {
                    _consumers.Remove((parentKey, outputId));
                    (released ??= []).AddRange(store.OutputAssets.GetValueOrDefault(parentKey, [])
                        .Where(asset => asset.Identifier == outputId && asset.Model is not null).Select(asset => asset.Model!.Key));
                }
            }
        }

        if (released is not null)
        {
            var deleted = files.Delete(released);
            logger.LogDebug("Deleted {Count} transient model(s) after task {TaskKey}.", deleted, finished.Key);
        }
    }
}

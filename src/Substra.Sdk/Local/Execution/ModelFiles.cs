using Substra.Sdk.Local.Store;
using Substra.Sdk.Local.Workspace;
using Substra.Sdk.Models;

namespace Substra.Sdk.Local.Execution;

/// <summary>
/// Frees kept models: the model stays registered without an address, and its file goes from the content store unless
/// another model still has the same content.
/// </summary>
internal sealed class ModelFiles(LocalStore store, ContentStore content)
{
    /// <summary>Returns how many files were deleted.</summary>
    public int Delete(IEnumerable<string> modelKeys)
    {
        var files = new List<string>();
        store.Write(() =>
        {
            foreach (var key in modelKeys)
            {
                if (!store.Models.TryGetValue(key, out var model) || model.Address is not { } address)
                {
                    continue;
                }

                var freed = model with { Address = null };
                store.SaveModel(freed);
                ReplaceInOutputs(freed);
                if (!store.Models.Values.Any(other => other.Address?.StorageAddress == address.StorageAddress))
                {
                    files.Add(address.StorageAddress);
                }
            }
        });
        foreach (var file in files)
        {
            content.Delete(file);
        }

        return files.Count;
    }

    // Output assets embed the model: they show the freed one too.
    private void ReplaceInOutputs(OutModel freed)
    {
        if (store.OutputAssets.TryGetValue(freed.ComputeTaskKey, out var outputs))
        {
            var updated = outputs.Select(asset => asset.Model?.Key == freed.Key ? asset with { Model = freed } : asset).ToList();
            store.SaveOutputs(freed.ComputeTaskKey, updated);
        }
    }
}

using Substra.Sdk.Exceptions;
using Substra.Sdk.Local.Store;

namespace Substra.Sdk.Local.Registration;

/// <summary>
/// A data sample belongs only to datasets of its own organisation: the dataset's owner is the worker that reads the
/// sample, so a sample linked to another organisation's dataset would hand one organisation's data to another. Both
/// checks run under the store's lock before anything is changed, so a refused request registers nothing.
/// </summary>
internal static class DataSampleOwnership
{
    /// <summary>New samples of <paramref name="owner"/>, from <paramref name="folders"/>, into existing datasets.</summary>
    public static void CheckAdd(LocalStore store, string owner, IReadOnlyList<string> datasetKeys, IReadOnlyList<string> folders)
    {
        foreach (var datasetKey in datasetKeys)
        {
            var dataset = store.Datasets[datasetKey];
            if (dataset.Owner != owner)
            {
                throw new InvalidRequestException(
                    $"The data sample '{folders[0]}'{(folders.Count > 1 ? $" (and {folders.Count - 1} more)" : "")} of {owner} cannot be added to the " +
                    $"dataset {datasetKey} of {dataset.Owner}: a data sample belongs only to datasets of its own organisation. Register the sample " +
                    $"with the client of {dataset.Owner}, or give a dataset of {owner}.", 400);
            }
        }
    }

    /// <summary>Every key exists (NotFound otherwise) and every sample has the dataset's owner.</summary>
    public static void CheckLink(LocalStore store, string datasetKey, IReadOnlyList<string> sampleKeys)
    {
        var dataset = store.Datasets.GetValueOrDefault(datasetKey) ?? throw new NotFoundException($"Wrong pk {datasetKey}", 404);
        foreach (var sampleKey in sampleKeys)
        {
            var sample = store.DataSamples.GetValueOrDefault(sampleKey) ?? throw new NotFoundException($"Wrong pk {sampleKey}", 404);
            if (sample.Owner != dataset.Owner)
            {
                throw new InvalidRequestException(
                    $"The data sample {sampleKey} of {sample.Owner} cannot be linked to the dataset {datasetKey} of {dataset.Owner}: a data sample " +
                    $"belongs only to datasets of its own organisation. Link it to a dataset of {sample.Owner}.", 400);
            }
        }
    }
}

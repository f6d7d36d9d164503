using Substra.Samples.FedAvg.Model;
using Substra.Tools;

namespace Substra.Samples.FedAvg.Data;

/// <summary>
/// Loads an organisation's data samples: each sample folder holds one <c>data.csv</c> (<c>label,x0,…</c>).
/// The rows of all the task's folders are concatenated in the order the platform gives them.
/// </summary>
[SubstraOpener("fedavg-csv")]
public sealed class CsvOpener : IOpener<LabeledData>
{
    public LabeledData GetData(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var parts = new List<LabeledData>(folders.Count);
        foreach (string folder in folders)
        {
            string file = Path.Combine(folder, SyntheticData.FileName);
            if (!File.Exists(file))
            {
                throw new FileNotFoundException(
                    $"The data sample '{folder}' has no {SyntheticData.FileName}: each sample folder must hold one, written by SyntheticData.WriteCsv.",
                    file);
            }

            parts.Add(SyntheticData.ReadCsv(file));
        }

        return LabeledData.Concat(parts);
    }

    // Fake data keeps the real shape, so a function can be tried without any organisation's data.
    public LabeledData FakeData(int nSamples) => SyntheticData.Generate(organisationIndex: 0, rows: Math.Max(nSamples, 1), seed: 1);
}

using System.Globalization;
using Substra.Tools;

namespace SubstraApp.Data;

/// <summary>Reads <c>values.csv</c> (one number per line) from each data-sample folder of a task.</summary>
[SubstraOpener("measurements")]
public sealed class MeasurementsOpener : IOpener<Measurements>
{
    public const string FileName = "values.csv";

    public Measurements GetData(IReadOnlyList<string> folders)
    {
        var values = new List<double>();
        foreach (string folder in folders)
        {
            string file = Path.Combine(folder, FileName);
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"The data sample '{folder}' has no {FileName}.", file);
            }

            foreach (string line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                values.Add(double.Parse(line, CultureInfo.InvariantCulture));
            }
        }

        return new Measurements(values);
    }

    public Measurements FakeData(int nSamples) => new(Enumerable.Range(0, nSamples).Select(i => (double)i).ToList());
}

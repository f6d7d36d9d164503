using System.Globalization;
using System.Text;

namespace Substra.Samples.PythonOpener;

/// <summary>
/// Writes each organisation's patients.csv (deterministic): at risk when older than 55, or a smoker with a BMI above 30;
/// about one BMI in ten is missing, as in real exports.
/// </summary>
public static class PatientData
{
    public const int RowsPerOrganisation = 200;

    public static IReadOnlyList<string> Write(string folder, int organisations)
    {
        var folders = new List<string>();
        for (var organisation = 0; organisation < organisations; organisation++)
        {
            var random = new Random(17 + organisation);
            var csv = new StringBuilder("age,bmi,smoker,region,at_risk\n");
            for (var row = 0; row < RowsPerOrganisation; row++)
            {
                var age = random.Next(20, 80);
                var bmi = Math.Round(18 + (random.NextDouble() * 20), 1);
                var smoker = random.NextDouble() < 0.3;
                var atRisk = age > 55 || (smoker && bmi > 30);
                var bmiText = random.NextDouble() < 0.1 ? string.Empty : bmi.ToString(CultureInfo.InvariantCulture);
                csv.Append(CultureInfo.InvariantCulture, $"{age},{bmiText},{(smoker ? "True" : "False")},{(organisation == 0 ? "north" : "south")},{(atRisk ? "True" : "False")}\n");
            }

            var sample = Path.Combine(folder, $"org-{organisation + 1}");
            Directory.CreateDirectory(sample);
            File.WriteAllText(Path.Combine(sample, "patients.csv"), csv.ToString());
            folders.Add(sample);
        }

        return folders;
    }
}

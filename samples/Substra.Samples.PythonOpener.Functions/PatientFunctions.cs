using Microsoft.Data.Analysis;
using Microsoft.Extensions.Logging;
using Substra.Tools;

namespace Substra.Samples.PythonOpener.Functions;

/// <summary>
/// Functions a .NET team brings to a federation whose providers registered their data with a Python opener
/// (<c>opener.py</c>, a substratools Opener returning a pandas DataFrame): the runtime runs the opener in Python and hands
/// the functions a DataFrame, or the rows as records.
/// </summary>
public sealed partial class PatientFunctions(ILogger<PatientFunctions> logger)
{
    /// <summary>Adds this organisation's rows to the model (or to an empty one), reading the pandas DataFrame as a DataFrame.</summary>
    [SubstraFunction("train")]
    public void Train(
        [DataSamples(PythonOpener = true)] DataFrame data,
        [ModelInput("model", Optional = true)] Stream? model,
        [ModelOutput("model")] Stream trained)
    {
        var result = model is null ? new CentroidModel() : CentroidModel.ReadFrom(model);
        var age = (Int64DataFrameColumn)data["age"];
        var bmi = (DoubleDataFrameColumn)data["bmi"];
        var smoker = (BooleanDataFrameColumn)data["smoker"];
        var atRisk = (BooleanDataFrameColumn)data["at_risk"];
        // Missing BMIs (NaN in pandas, null here) are filled with this organisation's mean.
        var meanBmi = bmi.Mean();
        for (long row = 0; row < data.Rows.Count; row++)
        {
            result.Add(CentroidModel.Features(age[row]!.Value, bmi[row] ?? meanBmi, smoker[row]!.Value), atRisk[row]!.Value);
        }

        result.WriteTo(trained);
        logger.LogInformation("Trained on {Rows} rows ({Missing} without BMI); the model has seen {Total} rows", data.Rows.Count, bmi.NullCount, result.Rows);
    }

    /// <summary>The model's accuracy on this organisation's rows, read as records.</summary>
    [SubstraFunction("evaluate")]
    [return: PerformanceOutput("accuracy")]
    public double Evaluate([DataSamples(PythonOpener = true)] IReadOnlyList<Patient> patients, [ModelInput("model")] Stream model)
    {
        var centroids = CentroidModel.ReadFrom(model);
        var known = patients.Where(patient => patient.Bmi is not null).ToList();
        var meanBmi = known.Count == 0 ? 25 : known.Average(patient => patient.Bmi!.Value);
        var correct = patients.Count(patient => centroids.Predict(CentroidModel.Features(patient.Age, patient.Bmi ?? meanBmi, patient.Smoker)) == patient.AtRisk);
        var accuracy = patients.Count == 0 ? 0 : (double)correct / patients.Count;
        logger.LogInformation("Accuracy {Accuracy:F3} on {Rows} rows from {Regions} regions", accuracy, patients.Count, patients.Select(patient => patient.Region).Distinct().Count());
        return accuracy;
    }
}

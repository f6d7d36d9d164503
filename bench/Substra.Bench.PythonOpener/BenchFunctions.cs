using System.Globalization;
using Microsoft.Data.Analysis;
using Substra.Tools;

namespace Substra.Bench.PythonOpener;

/// <summary>Each function writes the shape it received, so that the harness checks the whole value arrived.</summary>
public static partial class BenchFunctions
{
    /// <summary>The pandas DataFrame as a Microsoft.Data.Analysis DataFrame.</summary>
    [SubstraFunction("frame")]
    public static void Frame([DataSamples(PythonOpener = true)] DataFrame data, [ModelOutput("shape")] string shape)
        => File.WriteAllText(shape, string.Create(CultureInfo.InvariantCulture, $"{data.Rows.Count}x{data.Columns.Count}"));

    /// <summary>The same DataFrame as a rectangular array (rows × columns).</summary>
    [SubstraFunction("matrix")]
    public static void Matrix([DataSamples(PythonOpener = true)] double[,] data, [ModelOutput("shape")] string shape)
        => File.WriteAllText(shape, string.Create(CultureInfo.InvariantCulture, $"{data.GetLength(0)}x{data.GetLength(1)}"));
}

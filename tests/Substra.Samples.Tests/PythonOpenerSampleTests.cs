using Substra.Samples.PythonOpener;

namespace Substra.Samples.Tests;

/// <summary>
/// Runs the Python opener sample end to end: two datasets registered with a pandas opener, the C# functions built by
/// dotnet build, a compute plan on the local subprocess backend with Debian's Python, numpy and pandas.
/// </summary>
public sealed class PythonOpenerSampleTests
{
    [Fact]
    public async Task CSharp_functions_train_and_evaluate_on_datasets_with_a_pandas_opener()
    {
        var work = Directory.CreateTempSubdirectory("substra-python-opener-sample-").FullName;
        try
        {
            var console = new StringWriter();

            var accuracies = await PythonOpenerExperiment.RunAsync(work, "/usr/bin/python3", console, CancellationToken.None);

            Assert.Equal(["org-1", "org-2"], accuracies.Keys.Order(StringComparer.Ordinal));
            // The majority class is about 55% of the rows: the model trained on both organisations does better everywhere.
            Assert.All(accuracies.Values, accuracy => Assert.InRange(accuracy, 0.6, 1.0));
            Assert.Contains("registered its patients with the Python opener", console.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}

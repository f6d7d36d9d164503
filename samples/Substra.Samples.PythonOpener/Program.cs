using Substra.Samples.PythonOpener;

// C# functions on datasets registered with a Python (pandas) opener, on the local subprocess backend.
// Usage: dotnet run -- [work folder]. The opener runs in SUBSTRA_PYTHON (default python3), which needs numpy and pandas.
var work = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "substra-python-opener-sample");
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    await PythonOpenerExperiment.RunAsync(work, Environment.GetEnvironmentVariable("SUBSTRA_PYTHON"), Console.Out, cancellation.Token);
    return 0;
}
catch (InvalidOperationException failure)
{
    Console.Error.WriteLine(failure.Message);
    return 1;
}

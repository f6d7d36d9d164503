using Substra.Samples.FedAvg;

// The main job: FedAvg over three organisations on the local subprocess backend.
FedAvgRunOptions options;
try
{
    options = FedAvgRunOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    FedAvgResult result = await FedAvgExperiment.RunAsync(options, Console.Out, cancellation.Token);
    Console.WriteLine();
    Console.WriteLine(result.Report.ToTable());
    Console.WriteLine($"Performances: {result.CsvPath}");
    Console.WriteLine($"Chart:        {result.SvgPath}");
    return 0;
}
catch (FedAvgFailedException failure)
{
    Console.Error.WriteLine(failure.Message);
    return 1;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Substra.Samples.FedAvg;
using Substra.Sdk.Exceptions;

// The main job: FedAvg over three organisations, next to each organisation training alone and a centralised model.
// Each organisation's client is configured from outside (appsettings.json, SUBSTRA_ORG_N_* variables, the reference's
// YAML file); with nothing configured, every client runs on the local subprocess backend.
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

// A live display on a terminal; plain lines when the output goes to a file or a pipe.
IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
{
    Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
    Interactive = Console.IsOutputRedirected ? InteractionSupport.No : InteractionSupport.Detect,
});
if (Console.IsOutputRedirected)
{
    // A file or a pipe has no width: keep log lines whole rather than wrapped at 80 columns.
    console.Profile.Width = 200;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

using IHost host = FedAvgHost.Build(options);
try
{
    // Validates every client's configuration: a bad setting stops the run here, naming it.
    await host.StartAsync(cancellation.Token);
    FedAvgResult result = await FedAvgExperiment.RunAsync(host.Services.GetRequiredService<ISubstraClientFactory>(), options, console, cancellation.Token);
    console.WriteLine();
    console.Write(ReportTable.Build(result.Report));
    console.WriteLine("Mean accuracy over the organisations' test data:");
    foreach (string line in result.Report.Summary())
    {
        console.WriteLine($"  {line}");
    }

    console.WriteLine($"Performances: {result.CsvPath}");
    console.WriteLine($"Chart:        {result.SvgPath}");
    return 0;
}
catch (BadConfigurationException error)
{
    Console.Error.WriteLine($"The Substra configuration is not valid: {error.Message}");
    return 2;
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
finally
{
    await host.StopAsync(CancellationToken.None);
}

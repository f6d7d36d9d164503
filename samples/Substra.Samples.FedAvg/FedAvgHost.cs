using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Substra.Samples.FedAvg;

/// <summary>
/// The sample's host: configuration from appsettings.json (next to the program) and the environment, console logging
/// on standard error (warnings and errors by default, such as the hybrid-mode warning), and one Substra client per
/// organisation (<see cref="FedAvgClients"/>).
/// </summary>
public static class FedAvgHost
{
    public static IHost Build(FedAvgRunOptions options, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // No command-line arguments: they are the sample's own (FedAvgRunOptions), not configuration keys.
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.AddFedAvgClients(builder.Configuration, options);
        return builder.Build();
    }
}

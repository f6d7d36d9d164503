using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Substra.Samples.FedAvg.Model;
using Substra.Sdk.Configuration;

namespace Substra.Samples.FedAvg;

/// <summary>
/// One Substra client per organisation, <c>org-1</c> … <c>org-N</c>, configured from outside the code: the section
/// <c>Substra:Clients:org-N</c> of the configuration (appsettings.json, or environment variables such as
/// <c>Substra__Clients__org-1__BackendType</c>), the reference's variables <c>SUBSTRA_ORG_N_*</c> and its YAML file
/// (<c>SUBSTRA_CLIENTS_CONFIGURATION_FILE_PATH</c>). With nothing configured, a client runs on the local subprocess
/// backend, in the sample's work folder.
/// </summary>
public static class FedAvgClients
{
    public const string ConfigurationSection = "Substra:Clients";

    /// <summary>The client names, which select their configuration: <c>org-1</c> … <c>org-N</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        Enumerable.Range(1, FedAvgSettings.Organisations).Select(i => $"org-{i}").ToArray();

    /// <summary>The local backends' workspace when none is configured; a run starts by removing it (see <see cref="FedAvgExperiment"/>).</summary>
    public static string DefaultWorkspace(FedAvgRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(Path.GetFullPath(options.WorkDirectory), "local-worker");
    }

    public static IServiceCollection AddFedAvgClients(this IServiceCollection services, IConfiguration configuration, FedAvgRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ISubstraBuilder substra = services.AddSubstra();
        string workspace = DefaultWorkspace(options);
        foreach (string name in Names)
        {
            // The code only fills what configuration leaves unset; the three clients share the workspace's local platform.
            substra.AddClient(name, configuration.GetSection($"{ConfigurationSection}:{name}"), client =>
            {
                client.WorkspaceDirectory ??= workspace;
                client.MaxParallelTasks ??= options.MaxParallelTasks;
                // Configuration may pick the docker backend type; the Substra.Sdk.Docker package runs it.
                client.UseDocker();
            });
        }

        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Substra.Samples.FedAvg;
using Substra.Sdk;
using Substra.Sdk.Backends;
using Substra.Sdk.Configuration;
using Substra.Sdk.Exceptions;

namespace Substra.Samples.Tests;

/// <summary>The sample's clients come from configuration; the code only fills what configuration leaves unset.</summary>
public sealed class FedAvgConfigurationTests
{
    [Fact]
    public async Task With_nothing_configured_every_organisation_runs_on_the_local_subprocess_backend_in_the_work_folder()
    {
        string work = Directory.CreateTempSubdirectory("substra-fedavg-config-").FullName;
        try
        {
            var options = new FedAvgRunOptions { WorkDirectory = work };
            using IHost host = FedAvgHost.Build(options);
            await host.StartAsync();

            SubstraClient client = host.Services.GetRequiredService<ISubstraClientFactory>().CreateClient("org-2");

            Assert.Equal(BackendType.LocalSubprocess, client.BackendMode);
            Assert.Equal(Path.Combine(work, "local-worker"), host.Services.GetRequiredService<IOptionsMonitor<SubstraClientOptions>>().Get("org-2").WorkspaceDirectory);
            await host.StopAsync();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Configured_settings_win_over_the_samples_defaults()
    {
        string configuredWorkspace = Path.Combine(Path.GetTempPath(), "elsewhere");
        using IHost host = FedAvgHost.Build(new FedAvgRunOptions { MaxParallelTasks = 2 },
        [
            new("Substra:Clients:org-1:BackendType", "docker"),
            new("Substra:Clients:org-1:WorkspaceDirectory", configuredWorkspace),
            new("Substra:Clients:org-3:max_parallel_tasks", "1"),
        ]);
        IOptionsMonitor<SubstraClientOptions> options = host.Services.GetRequiredService<IOptionsMonitor<SubstraClientOptions>>();

        Assert.Equal(BackendType.LocalDocker, options.Get("org-1").BackendType);
        Assert.Equal(configuredWorkspace, options.Get("org-1").WorkspaceDirectory);
        Assert.Null(options.Get("org-2").BackendType);
        Assert.Equal(2, options.Get("org-2").MaxParallelTasks);
        Assert.Equal(1, options.Get("org-3").MaxParallelTasks);
    }

    [Fact]
    public async Task A_misspelt_setting_stops_the_run_at_start_naming_the_client_and_the_key()
    {
        using IHost host = FedAvgHost.Build(new FedAvgRunOptions(), [new("Substra:Clients:org-2:BackendTyp", "remote")]);

        var error = await Assert.ThrowsAsync<BadConfigurationException>(() => host.StartAsync());

        Assert.Contains("Substra:Clients:org-2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'BackendTyp'", error.Message, StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Hosting.Tests;

/// <summary>A host whose Substra configuration is bad fails at StartAsync, not at the first CreateClient.</summary>
public sealed class StartupValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("substra-hosting-start-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_unknown_key_in_a_section_stops_the_host_at_start()
    {
        using IHost host = BuildHost(new()
        {
            ["Substra:Clients:start-typo:BackendTyp"] = "remote",
        });

        var error = await Assert.ThrowsAsync<BadConfigurationException>(() => host.StartAsync());

        Assert.Equal(
            "configuration section 'Substra:Clients:start-typo': unknown key 'BackendTyp' (did you mean 'BackendType'?); the keys are "
            + "ClientName, ConfigurationFile, Url, Token, Username, Password, RetryTimeout, Insecure, BackendType, WorkspaceDirectory, "
            + "MaxParallelTasks, PythonInterpreter, TaskTimeout, HttpAttemptTimeout, HttpTotalTimeout, HttpStallTimeout "
            + "(or their snake_case names: url, backend_type, retry_timeout…).",
            error.Message);
    }

    [Fact]
    public async Task A_snake_case_typo_is_matched_to_the_snake_case_name()
    {
        using IHost host = BuildHost(new() { ["Substra:Clients:start-snake:backend_typ"] = "remote" });

        var error = await Assert.ThrowsAsync<BadConfigurationException>(() => host.StartAsync());

        Assert.StartsWith("configuration section 'Substra:Clients:start-snake': unknown key 'backend_typ' (did you mean 'backend_type'?)", error.Message);
    }

    [Fact]
    public async Task A_configuration_that_does_not_resolve_stops_the_host_at_start_naming_each_client()
    {
        string missing = Path.Combine(_folder, "absent.yaml");
        using IHost host = BuildHost(new()
        {
            ["Substra:Clients:start-file:configuration_file"] = missing,
            ["Substra:Clients:start-timeout:ConfigurationFile"] = "",
            ["Substra:Clients:start-timeout:TaskTimeout"] = "0",
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var failures = Assert.IsType<AggregateException>(error).InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains(failures, f => f.StartsWith($"Substra client 'start-file': The configuration file '{missing}' (from SubstraClientOptions.ConfigurationFile) does not exist", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Substra client 'start-timeout': TaskTimeout must be positive (got 00:00:00)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_non_positive_http_timeout_stops_the_host_at_start_naming_the_setting()
    {
        using IHost host = BuildHost(new()
        {
            ["Substra:Clients:start-http:ConfigurationFile"] = "",
            ["Substra:Clients:start-http:backend_type"] = "remote",
            ["Substra:Clients:start-http:url"] = "http://127.0.0.1:1",
            ["Substra:Clients:start-http:http_stall_timeout"] = "0",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            ["Substra client 'start-http': HttpStallTimeout must be positive (got 00:00:00): it is how long a download or an upload of files may go without data; "
             + "use Timeout.InfiniteTimeSpan for no limit, or leave it unset for the default."],
            error.Failures);
    }

    [Fact]
    public async Task A_bad_yaml_file_stops_the_host_with_its_line_and_column()
    {
        string file = Path.Combine(_folder, "clients.yaml");
        File.WriteAllText(file, "start-yaml:\n  url: http://x\n  backend_typ: remote\n");
        using IHost host = BuildHost(new() { ["Substra:Clients:start-yaml:configuration_file"] = file });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [$"Substra client 'start-yaml': The configuration file '{file}' is not valid at line 3, column 3: unknown setting 'backend_typ' "
             + "for client 'start-yaml' (did you mean 'backend_type'?); the settings are url, token, username, password, retry_timeout, insecure, backend_type."],
            error.Failures);
    }

    [Fact]
    public async Task A_docker_client_without_the_docker_package_stops_the_host_at_start_with_the_package_to_add()
    {
        using IHost host = BuildHost(new()
        {
            ["Substra:Clients:start-docker:backend_type"] = "docker",
            ["Substra:Clients:start-docker:configuration_file"] = "",
            ["Substra:Clients:start-docker:workspace_directory"] = Path.Combine(_folder, "local-worker"),
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Substra client 'start-docker': The docker backend is in the Substra.Sdk.Docker package", failure, StringComparison.Ordinal);
        Assert.Contains("dotnet add package Substra.Sdk.Docker", failure, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "local-worker")));
    }

    [Fact]
    public async Task A_good_configuration_starts_and_the_client_is_still_created_on_first_use()
    {
        using IHost host = BuildHost(new()
        {
            ["Substra:Clients:start-good:backend_type"] = "subprocess",
            ["Substra:Clients:start-good:configuration_file"] = "",
            ["Substra:Clients:start-good:workspace_directory"] = Path.Combine(_folder, "local-worker"),
            ["Substra:Clients:start-good:max_parallel_tasks"] = "2",
        });

        await host.StartAsync();

        Assert.False(Directory.Exists(Path.Combine(_folder, "local-worker")));
        SubstraClient client = host.Services.GetRequiredService<ISubstraClientFactory>().CreateClient("start-good");
        Assert.Equal(BackendType.LocalSubprocess, client.BackendMode);
        await host.StopAsync();
    }

    [Fact]
    public void Without_a_host_CreateClient_gives_the_same_failure_as_a_configuration_error()
    {
        var services = new ServiceCollection();
        services.AddSubstra().AddClient("start-no-host", o =>
        {
            o.ConfigurationFile = "";
            o.MaxParallelTasks = 0;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<BadConfigurationException>(() => provider.GetRequiredService<ISubstraClientFactory>().CreateClient("start-no-host"));

        Assert.StartsWith("Substra client 'start-no-host': MaxParallelTasks must be at least 1 (got 0)", error.Message);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSubstra().AddClients(builder.Configuration.GetSection("Substra:Clients"));
        return builder.Build();
    }
}

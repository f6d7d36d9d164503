using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Substra.Sdk.Exceptions;

namespace Substra.Sdk.Hosting.Tests;

// Clients here are real local (subprocess) clients in a temporary workspace; the resolved configuration shows where
// each value came from. Names are unique per test because environment variables are global.
public sealed class SubstraServiceCollectionExtensionsTests : IDisposable
{
    private static readonly string Workspace = Path.Combine(Path.GetTempPath(), "substra-hosting-tests", "local-worker");

    [Fact]
    public void Repeated_AddSubstra_calls_register_one_factory()
    {
        var services = new ServiceCollection();
        services.AddSubstra();
        services.AddSubstra().AddClient("di-repeat", Local);
        services.AddSubstra().AddClient("di-repeat", Local);

        Assert.Single(services, d => d.ServiceType == typeof(ISubstraClientFactory));
        using ServiceProvider provider = services.BuildServiceProvider();
        ISubstraClientFactory factory = provider.GetRequiredService<ISubstraClientFactory>();
        Assert.Same(factory, provider.GetRequiredService<ISubstraClientFactory>());
        Assert.Same(factory.CreateClient("di-repeat"), factory.CreateClient("di-repeat"));
    }

    [Fact]
    public void Named_clients_are_separate_and_named_after_their_organisation()
    {
        var services = new ServiceCollection();
        services.AddSubstra().AddClient("di-org-1", Local).AddClient("di-org-2", Local);
        using ServiceProvider provider = services.BuildServiceProvider();
        ISubstraClientFactory factory = provider.GetRequiredService<ISubstraClientFactory>();

        SubstraClient first = factory.CreateClient("di-org-1");
        SubstraClient second = factory.CreateClient("di-org-2");

        Assert.NotSame(first, second);
        Assert.Equal("di-org-1", first.Configuration.ClientName);
        Assert.Equal("di-org-2", second.Configuration.ClientName);
        Assert.Equal(BackendType.LocalSubprocess, first.BackendMode);
    }

    [Fact]
    public void Clients_are_created_on_first_use()
    {
        int configured = 0;
        var services = new ServiceCollection();
        services.AddSubstra().AddClient("di-lazy", options =>
        {
            configured++;
            Local(options);
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        ISubstraClientFactory factory = provider.GetRequiredService<ISubstraClientFactory>();

        Assert.Equal(0, configured);
        factory.CreateClient("di-lazy");
        factory.CreateClient("di-lazy");
        Assert.Equal(1, configured);
    }

    [Fact]
    public async Task The_container_disposes_the_clients_it_created()
    {
        var services = new ServiceCollection();
        services.AddSubstra().AddClient("di-dispose", Local);
        ServiceProvider provider = services.BuildServiceProvider();
        ISubstraClientFactory factory = provider.GetRequiredService<ISubstraClientFactory>();
        SubstraClient client = factory.CreateClient("di-dispose");

        await provider.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => factory.CreateClient("di-dispose"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ListOrganizationAsync());
    }

    [Fact]
    public void The_default_client_is_injectable_as_SubstraClient()
    {
        var services = new ServiceCollection();
        services.AddSubstra(Local);
        using ServiceProvider provider = services.BuildServiceProvider();

        SubstraClient client = provider.GetRequiredService<SubstraClient>();

        Assert.Same(client, provider.GetRequiredService<ISubstraClientFactory>().CreateClient(""));
        Assert.Null(client.Configuration.ClientName);
    }

    [Fact]
    public void A_name_never_added_gets_an_error_saying_how_to_add_it()
    {
        var services = new ServiceCollection();
        services.AddSubstra().AddClient("di-known", Local);
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ISubstraClientFactory>().CreateClient("di-unknown"));
        Assert.Equal(
            "No Substra client named 'di-unknown' was added to the container (added: 'di-known'). Add it with services.AddSubstra().AddClient(\"di-unknown\", …) or from a configuration section with AddClients(configuration).",
            error.Message);

        var noDefault = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<SubstraClient>());
        Assert.Contains("The default Substra client was added to the container", noDefault.Message);
    }

    [Fact]
    public void Configuration_sections_bind_options_by_their_names_or_the_reference_yaml_names()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Substra:Clients:di-cfg-a:BackendType"] = "LocalSubprocess",
            ["Substra:Clients:di-cfg-a:ConfigurationFile"] = "",
            ["Substra:Clients:di-cfg-a:WorkspaceDirectory"] = Workspace,
            ["Substra:Clients:di-cfg-a:Token"] = "token-a",
            ["Substra:Clients:di-cfg-a:RetryTimeout"] = "00:00:42",
            ["Substra:Clients:di-cfg-b:backend_type"] = "subprocess",
            ["Substra:Clients:di-cfg-b:configuration_file"] = "",
            ["Substra:Clients:di-cfg-b:workspace_directory"] = Workspace,
            ["Substra:Clients:di-cfg-b:token"] = "token-b",
            ["Substra:Clients:di-cfg-b:retry_timeout"] = "12",
            ["Substra:Clients:di-cfg-b:insecure"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddSubstra().AddClients(configuration.GetSection("Substra:Clients"));
        using ServiceProvider provider = services.BuildServiceProvider();
        ISubstraClientFactory factory = provider.GetRequiredService<ISubstraClientFactory>();

        SubstraClient a = factory.CreateClient("di-cfg-a");
        SubstraClient b = factory.CreateClient("di-cfg-b");

        Assert.Equal(BackendType.LocalSubprocess, a.BackendMode);
        Assert.Equal(BackendType.LocalSubprocess, b.BackendMode);
        Assert.Equal(TimeSpan.FromSeconds(42), a.Configuration.RetryTimeout);
        Assert.Equal("token-a", a.Configuration.Token);
        Assert.Equal(TimeSpan.FromSeconds(12), b.Configuration.RetryTimeout);
        Assert.True(b.Configuration.Insecure);
    }

    [Fact]
    public void A_bad_configuration_value_names_the_section_and_key()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Substra:Clients:di-bad:BackendType"] = "mainframe",
        }).Build();
        var services = new ServiceCollection();
        services.AddSubstra().AddClients(configuration.GetSection("Substra:Clients"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<BadConfigurationException>(() => provider.GetRequiredService<ISubstraClientFactory>().CreateClient("di-bad"));

        Assert.Equal(
            "configuration section 'Substra:Clients:di-bad': BackendType = 'mainframe' is not a backend type; use one of: remote, docker, subprocess.",
            error.Message);
    }

    [Fact]
    public void Environment_variables_fill_what_code_and_configuration_leave_unset()
    {
        Environment.SetEnvironmentVariable("SUBSTRA_DI_ENV_RETRY_TIMEOUT", "33");
        Environment.SetEnvironmentVariable("SUBSTRA_DI_ENV_TOKEN", "from-environment");
        try
        {
            var services = new ServiceCollection();
            services.AddSubstra().AddClient("di-env", o => o.WorkspaceDirectory = Workspace).AddClient("di-env-code", o =>
            {
                o.ClientName = "di-env";
                o.WorkspaceDirectory = Workspace;
                o.Token = "from-code";
            });
            using ServiceProvider provider = services.BuildServiceProvider();
            ISubstraClientFactory factory = provider.GetRequiredService<ISubstraClientFactory>();

            SubstraClient fromEnvironment = factory.CreateClient("di-env");
            SubstraClient fromCode = factory.CreateClient("di-env-code");

            Assert.Equal(TimeSpan.FromSeconds(33), fromEnvironment.Configuration.RetryTimeout);
            Assert.Equal("from-environment", fromEnvironment.Configuration.Token);
            Assert.Equal("from-code", fromCode.Configuration.Token);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SUBSTRA_DI_ENV_RETRY_TIMEOUT", null);
            Environment.SetEnvironmentVariable("SUBSTRA_DI_ENV_TOKEN", null);
        }
    }

    [Fact]
    public void The_reference_yaml_file_configures_clients_by_name()
    {
        string file = Path.Combine(Path.GetTempPath(), $"substra-di-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "di-yaml:\n  backend_type: subprocess\n  token: from-yaml\n  retry_timeout: 7\n");
        try
        {
            var services = new ServiceCollection();
            services.AddSubstra().AddClient("di-yaml", o =>
            {
                o.ConfigurationFile = file;
                o.WorkspaceDirectory = Workspace;
            });
            using ServiceProvider provider = services.BuildServiceProvider();

            SubstraClient client = provider.GetRequiredService<ISubstraClientFactory>().CreateClient("di-yaml");

            Assert.Equal(Configuration.ConfigurationOrigin.ConfigurationFile, client.Configuration.Origins["token"]);
            Assert.Equal("from-yaml", client.Configuration.Token);
            Assert.Equal(TimeSpan.FromSeconds(7), client.Configuration.RetryTimeout);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public void Dispose()
    {
        // Local clients of every test share this workspace; it only holds what the local backend creates on start.
        try
        {
            Directory.Delete(Path.GetDirectoryName(Workspace)!, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // Another test's client may still be writing; the OS temp folder is cleaned eventually.
        }
    }

    private static void Local(Configuration.SubstraClientOptions options)
    {
        options.BackendType = BackendType.LocalSubprocess;
        options.WorkspaceDirectory = Workspace;
        options.ConfigurationFile = "";
    }
}

using Substra.Sdk.Configuration;

namespace Substra.Sdk.Tests;

/// <summary>The client with its built-in backends (no factory given).</summary>
public sealed class DefaultClientTests : IDisposable
{
    private readonly string _workspace = Directory.CreateTempSubdirectory("substra-default-client-").FullName;

    public void Dispose() => Directory.Delete(_workspace, recursive: true);

    [Fact]
    public async Task The_default_client_is_a_local_subprocess_client_of_its_own_organisation()
    {
        await using var client = new SubstraClient(new SubstraClientOptions { ConfigurationFile = "", WorkspaceDirectory = _workspace });

        var organizations = await client.ListOrganizationAsync();

        Assert.Equal(BackendType.LocalSubprocess, client.BackendMode);
        Assert.NotNull(client.TemporaryDirectory);
        Assert.Single(organizations, organization => organization.IsCurrent);
    }

    [Fact]
    public async Task The_local_organisation_reports_the_package_version_not_the_assembly_version()
    {
        await using var client = new SubstraClient(new SubstraClientOptions { ConfigurationFile = "", WorkspaceDirectory = _workspace });
        var informational = typeof(SubstraClient).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), inherit: false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;

        var info = await client.OrganizationInfoAsync();

        // The assembly version of every 0.x build is 0.0.0.0; the package version is what tells builds apart.
        Assert.Equal(informational.Split('+')[0], info.Version);
        Assert.Equal(info.Version, Substra.Sdk.Telemetry.SubstraTelemetry.Source.Version);
    }

    [Fact]
    public async Task The_built_in_remote_backend_is_chosen_for_remote()
    {
        await using var client = new SubstraClient(new SubstraClientOptions
        {
            BackendType = BackendType.Remote, Url = "http://127.0.0.1:9", Token = "token", ConfigurationFile = "",
        });

        Assert.Equal(BackendType.Remote, client.BackendMode);
        Assert.Null(client.TemporaryDirectory);
    }
}

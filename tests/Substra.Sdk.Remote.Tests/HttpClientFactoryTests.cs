using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Remote.Tests.Infrastructure;

namespace Substra.Sdk.Remote.Tests;

/// <summary>With dependency injection, each Substra client sends its requests through a named IHttpClientFactory client.</summary>
public sealed class HttpClientFactoryTests : PlatformTest
{
    [Fact]
    public async Task A_client_added_to_a_container_sends_its_requests_through_its_named_http_client()
    {
        var services = new ServiceCollection();
        services.AddSubstra().AddClient("org-9", options =>
        {
            options.BackendType = BackendType.Remote;
            options.Url = Platform.BaseUrl;
            options.Token = "static-token";
            options.ConfigurationFile = "";
        });
        var seen = new ConcurrentQueue<string>();
        services.AddHttpClient(SubstraServiceCollectionExtensions.HttpClientName("org-9")).AddHttpMessageHandler(() => new RecordingHandler(seen));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ISubstraClientFactory>().CreateClient("org-9");

        await client.ListFunctionAsync();
        await client.ListDatasetAsync();

        Assert.Equal(
            [$"GET {Platform.BaseUrl}/function/?ordering=-creation_date", $"GET {Platform.BaseUrl}/data_manager/?ordering=-creation_date"],
            seen);
        Assert.Equal("Token static-token", Assert.Single(Platform.RequestsTo("GET", "/function/")).Header("Authorization"));
        // The backend's own limits apply, not HttpClient's 100 s default.
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(SubstraServiceCollectionExtensions.HttpClientName("org-9"));
        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
    }

    [Fact]
    public async Task The_timeouts_of_a_configuration_section_reach_the_requests()
    {
        await using var silent = RawHttpServer.Silent();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Substra:Clients:org-8:backend_type"] = "remote",
            ["Substra:Clients:org-8:url"] = silent.BaseUrl,
            ["Substra:Clients:org-8:ConfigurationFile"] = "",
            ["Substra:Clients:org-8:HttpAttemptTimeout"] = "0.3",
        }).Build();
        var services = new ServiceCollection();
        services.AddSubstra().AddClients(configuration.GetSection("Substra:Clients"));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ISubstraClientFactory>().CreateClient("org-8");

        var error = await Assert.ThrowsAsync<ConnectionTimeoutException>(() => client.GetFunctionAsync("f").WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.StartsWith($"GET {silent.BaseUrl}/function/f/: no response within 300 ms (HttpAttemptTimeout", error.Message);
    }

    [Fact]
    public void The_http_client_names_are_prefixed_and_the_default_client_has_one_too()
    {
        Assert.Equal("Substra:org-1", SubstraServiceCollectionExtensions.HttpClientName("org-1"));
        Assert.Equal("Substra", SubstraServiceCollectionExtensions.HttpClientName(""));
    }

    private sealed class RecordingHandler(ConcurrentQueue<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue($"{request.Method} {request.RequestUri}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}

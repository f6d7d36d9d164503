using Substra.Sdk.Backends;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Remote.Tests.Infrastructure;
using Substra.Sdk.Schemas;

namespace Substra.Sdk.Remote.Tests;

/// <summary>502/503/504 retried on every request; 408 retried on adds and updates up to retry_timeout.</summary>
public sealed class RetryTests : PlatformTest
{
    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_read_is_retried_after_gateway_errors_then_succeeds(int status)
    {
        Platform.InjectFault("GET", "/function/", status, times: 2);

        var functions = await Backend.ListFunctionsAsync(ListQuery.All, None);

        Assert.Empty(functions);
        Assert.Equal(3, Platform.RequestsTo("GET", "/function/").Count);
        Assert.Equal(2, Logs.Logs.Count(l => l.Message.StartsWith($"HTTP {status}; retrying", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_upload_retried_after_502_sends_its_files_again_from_the_start()
    {
        Platform.InjectFault("POST", "/function/", 502, times: 2);

        var key = await Backend.AddFunctionAsync(Assets.Function(Temp), None);

        var posts = Platform.RequestsTo("POST", "/function/");
        Assert.Equal(3, posts.Count);
        Assert.All(posts, p => Assert.Equal("archive bytes of train", p.Part("file").Text));
        Assert.NotNull(Platform.Store.Get("function", key));
    }

    [Fact]
    public async Task An_add_is_retried_after_408_then_succeeds()
    {
        Platform.InjectFault("POST", "/data_manager/", 408, times: 2, body: """{"key":"dataset-key"}""");

        var key = await Backend.AddDatasetAsync(Assets.Dataset(Temp), None);

        Assert.Equal(3, Platform.RequestsTo("POST", "/data_manager/").Count);
        Assert.NotNull(Platform.Store.Get("data_manager", key));
    }

    [Fact]
    public async Task An_update_is_retried_after_408()
    {
        var key = await Backend.AddFunctionAsync(Assets.Function(Temp), None);
        Platform.InjectFault("PUT", $"/function/{key}/", 408, times: 1, body: $$"""{"key":"{{key}}"}""");

        await Backend.UpdateFunctionAsync(key, new UpdateFunctionSpec { Name = "renamed" }, None);

        Assert.Equal(2, Platform.RequestsTo("PUT", $"/function/{key}/").Count);
    }

    [Fact]
    public async Task A_408_that_outlasts_retry_timeout_is_raised()
    {
        // retry_timeout = 10 s on a virtual clock: retried after 0, 1, 3 and 7 s, given up at 15 s: five tries.
        var clock = new FastForwardTimeProvider();
        await using var backend = CreateBackend(retryTimeout: TimeSpan.FromSeconds(10), initialDelay: TimeSpan.FromSeconds(1), time: clock);
        Platform.InjectFault("POST", "/compute_plan/", 408, times: 1000, body: """{"key":"plan"}""");

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(
            () => backend.AddComputePlanAsync(new ComputePlanSpec { Name = "p" }, BatchingOptions.Default, None));

        Assert.Equal("plan", error.Key);
        Assert.Equal(5, Platform.RequestsTo("POST", "/compute_plan/").Count);
        Assert.Equal(TimeSpan.FromSeconds(15), clock.Elapsed);
    }

    [Fact]
    public async Task The_408_budget_is_the_clients_retry_timeout_not_the_gateway_one()
    {
        var clock = new FastForwardTimeProvider();
        await using var backend = CreateBackend(
            retryTimeout: TimeSpan.FromSeconds(1), gatewayRetryTimeout: TimeSpan.FromSeconds(300), initialDelay: TimeSpan.FromSeconds(1), time: clock);
        Platform.InjectFault("PUT", "/function/k/", 408, times: 1000, body: """{"key":"k"}""");

        await Assert.ThrowsAsync<RequestTimeoutException>(() => backend.UpdateFunctionAsync("k", new UpdateFunctionSpec { Name = "n" }, None));

        // Tries at 0, 1 and 3 s: after the third, 3 s > 1 s, whereas 300 s would allow ten.
        Assert.Equal(3, Platform.RequestsTo("PUT", "/function/k/").Count);
    }

    [Fact]
    public async Task A_408_naming_several_keys_is_not_retried()
    {
        Platform.InjectFault("POST", "/function/", 408, times: 5, body: """{"key":["a","b"]}""");

        await Assert.ThrowsAsync<RequestTimeoutException>(() => Backend.AddFunctionAsync(Assets.Function(Temp), None));

        Assert.Single(Platform.RequestsTo("POST", "/function/"));
    }

    [Fact]
    public async Task After_a_408_retry_a_409_returns_the_existing_key()
    {
        Platform.InjectFault("POST", "/function/", 408, times: 1, body: """{"key":"fn"}""");
        Platform.InjectFault("POST", "/function/", 409, times: 1, body: """{"key":"fn"}""");

        var key = await Backend.AddFunctionAsync(Assets.Function(Temp), None);

        Assert.Equal("fn", key);
        Assert.Equal(2, Platform.RequestsTo("POST", "/function/").Count);
    }

    [Fact]
    public async Task Delays_double_from_the_initial_delay()
    {
        Platform.InjectFault("GET", "/info/", 503, times: 3);

        await Backend.GetOrganizationInfoAsync(None);

        var delays = Logs.Logs.Where(l => l.Message.StartsWith("HTTP 503; retrying in", StringComparison.Ordinal))
            .Select(l => l.Message.Split(' ')[4]).ToList();
        Assert.Equal(["00:00:00.0050000", "00:00:00.0100000", "00:00:00.0200000"], delays);
    }
}

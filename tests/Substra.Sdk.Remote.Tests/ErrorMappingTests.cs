using Substra.Sdk.Exceptions;
using Substra.Sdk.Remote.Tests.Infrastructure;

namespace Substra.Sdk.Remote.Tests;

/// <summary>Every error status → the reference's exception and message.</summary>
public sealed class ErrorMappingTests : PlatformTest
{
    [Theory]
    [InlineData(401, typeof(AuthenticationException), "Unauthorized")]
    [InlineData(403, typeof(AuthorizationException), "Forbidden")]
    [InlineData(404, typeof(NotFoundException), "Not Found")]
    [InlineData(500, typeof(InternalServerErrorException), "Internal Server Error")]
    [InlineData(418, typeof(HttpErrorException), "I'm a teapot")]
    public async Task A_status_becomes_its_exception_with_the_requests_error_and_the_detail(int status, Type expected, string reason)
    {
        Platform.InjectFault("GET", "/function/k/", status, body: """{"detail":"what went wrong"}""");

        var error = await Assert.ThrowsAsync(expected, () => Backend.GetFunctionAsync("k", None));

        var side = status >= 500 ? "Server" : "Client";
        Assert.Equal($"{status} {side} Error: {reason} for url: {Platform.BaseUrl}/function/k/: what went wrong", error.Message);
        Assert.Equal(status, ((RequestException)error).StatusCode);
        Assert.Contains(Logs.Logs, l => l.Message == $"Requests error status {status}: {{\"detail\":\"what went wrong\"}}");
    }

    [Fact]
    public async Task Without_detail_the_message_is_the_requests_error()
    {
        Platform.InjectFault("GET", "/function/k/", 404, body: "<html>nope</html>");

        var error = await Assert.ThrowsAsync<NotFoundException>(() => Backend.GetFunctionAsync("k", None));

        Assert.Equal($"404 Client Error: Not Found for url: {Platform.BaseUrl}/function/k/", error.Message);
    }

    [Fact]
    public async Task A_real_missing_asset_is_NotFound_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Backend.GetComputePlanAsync("no-such-plan", None));

        Assert.Contains("no-such-plan", error.Message);
    }

    [Fact]
    public async Task Status_400_is_InvalidRequest_with_the_detail_and_the_parsed_errors()
    {
        Platform.InjectFault("POST", "/function/", 400, body: """{"detail":"name is too long","field":"name"}""");

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Backend.AddFunctionAsync(Assets.Function(Temp), None));

        Assert.Equal("name is too long", error.Message);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("name", (string?)error.Errors?["field"]);
    }

    [Fact]
    public async Task Status_408_is_RequestTimeout_naming_the_key()
    {
        Platform.InjectFault("GET", "/function/k/", 408, body: """{"detail":{"key":"k"}}""");

        var error = await Assert.ThrowsAsync<RequestTimeoutException>(() => Backend.GetFunctionAsync("k", None));

        Assert.Equal("Operation on object with key(s) 'k' timed out.", error.Message);
        // Reads are not retried on 408.
        Assert.Single(Platform.Requests);
    }

    [Fact]
    public async Task Status_409_with_several_keys_is_AlreadyExists_listing_them()
    {
        Platform.InjectFault("POST", "/function/", 409, body: """[{"key":"a"},{"key":"b"}]""");

        var error = await Assert.ThrowsAsync<AlreadyExistsException>(() => Backend.AddFunctionAsync(Assets.Function(Temp), None));

        Assert.Equal("Object with key(s) '['a', 'b']' already exists.", error.Message);
        Assert.Equal(["a", "b"], error.Keys);
    }

    [Theory]
    [InlineData(502, "Bad Gateway")]
    [InlineData(503, "Service Unavailable")]
    [InlineData(504, "Gateway Timeout")]
    public async Task Gateway_errors_that_last_beyond_300_seconds_become_GatewayUnavailable(int status, string reason)
    {
        // The reference's schedule on a virtual clock: 1 s doubling, retried while at most 300 s have passed since the first try
        // (1+2+…+128 = 255 s ≤ 300, then 511 s > 300): ten tries.
        var clock = new FastForwardTimeProvider();
        await using var backend = CreateBackend(gatewayRetryTimeout: TimeSpan.FromSeconds(300), initialDelay: TimeSpan.FromSeconds(1), time: clock);
        Platform.InjectFault("GET", "/function/k/", status, times: 1000, body: "{}");

        var error = await Assert.ThrowsAsync<GatewayUnavailableException>(() => backend.GetFunctionAsync("k", None));

        Assert.Equal($"{status} Server Error: {reason} for url: {Platform.BaseUrl}/function/k/", error.Message);
        Assert.Equal(10, Platform.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(511), clock.Elapsed);
    }

    [Fact]
    public async Task An_unreachable_platform_is_a_ConnectionException()
    {
        var port = Platform.BaseUrl[(Platform.BaseUrl.LastIndexOf(':') + 1)..];
        await Platform.DisposeAsync();
        await using var backend = CreateBackend(url: $"http://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<ConnectionException>(() => backend.GetFunctionAsync("k", None));

        Assert.Null(error.StatusCode);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_an_InvalidResponse()
    {
        Platform.InjectFault("GET", "/function/k/", 200, body: "<html>front end</html>");

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => Backend.GetFunctionAsync("k", None));

        Assert.StartsWith("Cannot parse response to JSON:", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("ftp://host")]
    public void A_bad_url_is_refused_with_a_message(string url)
    {
        var error = Record.Exception(() => new RemoteConnectionSettings(url));

        Assert.NotNull(error);
        Assert.Contains(url.Length == 0 ? "url required to connect to the Substra server" : "is not an absolute http:// or https:// URL", error.Message);
    }
}

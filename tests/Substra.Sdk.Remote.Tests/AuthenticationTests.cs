using Microsoft.Extensions.Logging;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Filters;
using Substra.Sdk.Remote.Tests.Infrastructure;

namespace Substra.Sdk.Remote.Tests;

/// <summary>Headers, login and logout, and secrets kept out of logs, messages and ToString().</summary>
public sealed class AuthenticationTests : PlatformTest
{
    private const string Password = "s3cr3t-pa55word";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Platform.Users["alice"] = Password;
    }

    [Fact]
    public async Task Without_token_no_Authorization_header_is_sent_and_Accept_names_the_api_version()
    {
        await Backend.ListFunctionsAsync(ListQuery.All, None);

        var request = Assert.Single(Platform.Requests);
        Assert.Null(request.Header("Authorization"));
        Assert.Equal("application/json; version=0.0", request.Header("Accept")!.Replace(";version", "; version", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_token_every_request_carries_it()
    {
        Platform.StaticTokens["tok-123"] = true;
        Platform.RequireToken = true;
        await using var backend = CreateBackend(token: "tok-123");

        await backend.ListFunctionsAsync(ListQuery.All, None);
        await backend.GetOrganizationInfoAsync(None);

        Assert.All(Platform.Requests, r => Assert.Equal("Token tok-123", r.Header("Authorization")));
    }

    [Fact]
    public async Task Login_posts_the_form_with_only_Accept_then_uses_the_token_and_logout_deletes_the_session()
    {
        Platform.RequireToken = true;

        var token = await Backend.LoginAsync("alice", Password, None);
        await Backend.ListFunctionsAsync(ListQuery.All, None);
        await Backend.LogoutAsync(None);

        var login = Platform.Requests[0];
        Assert.Equal(("POST", "/api-token-auth/"), (login.Method, login.Path));
        Assert.StartsWith("application/x-www-form-urlencoded", login.ContentType);
        Assert.Equal(["alice"], login.Form["username"]);
        Assert.Equal([Password], login.Form["password"]);
        Assert.Null(login.Header("Authorization"));
        Assert.NotNull(login.Header("Accept"));
        Assert.Equal($"Token {token}", Platform.Requests[1].Header("Authorization"));
        var logout = Platform.Requests[2];
        Assert.Equal(("DELETE", "/active-api-tokens/"), (logout.Method, logout.Path));
        Assert.Equal($"Token {token}", logout.Header("Authorization"));
        Assert.Empty(Platform.ActiveTokens);
        Assert.Equal(Assert.Single(logout.Query["id"]), logout.Query["id"][0]);
        Assert.Contains(Logs.Logs, l => l.Level == LogLevel.Information && l.Message.Contains("Successfully logged out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logout_without_login_sends_nothing()
    {
        await using var backend = CreateBackend(token: "given-token");

        await backend.LogoutAsync(None);

        Assert.Empty(Platform.Requests);
    }

    [Fact]
    public async Task A_failed_logout_is_logged_not_thrown()
    {
        await Backend.LoginAsync("alice", Password, None);
        Platform.InjectFault("DELETE", "/active-api-tokens/", 500);

        await Backend.LogoutAsync(None);

        Assert.Contains(Logs.Logs, l => l.Level == LogLevel.Error && l.Message.StartsWith("Could not end session", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData(null)]
    public async Task Bad_credentials_raise_BadLoginException(string? password)
    {
        // A missing password gets 400 from the platform, a wrong one 401: both are bad logins.
        var error = await Assert.ThrowsAsync<BadLoginException>(() => password is null
            ? LoginWithoutPasswordAsync()
            : Backend.LoginAsync("alice", password, None));

        Assert.Equal(password is null ? 400 : 401, error.StatusCode);
        Assert.Contains($"for url: {Platform.BaseUrl}/api-token-auth/", error.Message);
    }

    private async Task LoginWithoutPasswordAsync()
    {
        Platform.Users.Clear();
        Platform.InjectFault("POST", "/api-token-auth/", 400, body: """{"detail":"password is required"}""");
        await Backend.LoginAsync("alice", "", None);
    }

    [Fact]
    public async Task Login_disabled_on_the_platform_raises_UsernamePasswordLoginDisabledException_with_a_hint()
    {
        Platform.LoginDisabled = true;

        var error = await Assert.ThrowsAsync<UsernamePasswordLoginDisabledException>(() => Backend.LoginAsync("alice", Password, None));

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("Implicit login is disabled on this server", error.Message);
        Assert.Contains("token", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_plain_403_on_login_is_an_AuthorizationException()
    {
        Platform.InjectFault("POST", "/api-token-auth/", 403, body: """{"detail":"forbidden"}""");

        await Assert.ThrowsAsync<AuthorizationException>(() => Backend.LoginAsync("alice", Password, None));
    }

    [Fact]
    public async Task A_login_answer_that_is_not_json_means_a_wrong_url()
    {
        Platform.LoginAnswersHtml = true;

        var error = await Assert.ThrowsAsync<BadConfigurationException>(() => Backend.LoginAsync("alice", Password, None));

        Assert.Equal($"Unable to get token from json response. Make sure that given url: {Platform.BaseUrl} is correct", error.Message);
    }

    [Fact]
    public async Task A_login_answer_without_the_token_fields_is_an_invalid_response()
    {
        Platform.InjectFault("POST", "/api-token-auth/", 200, body: """{"token":"x"}""");

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => Backend.LoginAsync("alice", Password, None));

        Assert.Equal("Token object does not contain required fields", error.Message);
    }

    [Fact]
    public async Task Login_is_never_retried_on_gateway_errors()
    {
        Platform.InjectFault("POST", "/api-token-auth/", 502, times: 1);

        await Assert.ThrowsAsync<GatewayUnavailableException>(() => Backend.LoginAsync("alice", Password, None));

        Assert.Single(Platform.Requests);
    }

    [Fact]
    public async Task A_session_expiring_within_four_hours_is_a_warning()
    {
        Platform.TokenLifetime = TimeSpan.FromHours(2);

        await Backend.LoginAsync("alice", Password, None);

        var expiry = Assert.Single(Logs.Logs, l => l.Message.StartsWith("Your session will expire in", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, expiry.Level);
        Assert.Contains("hours", expiry.Message);
    }

    [Fact]
    public async Task A_long_session_is_logged_at_information()
    {
        await Backend.LoginAsync("alice", Password, None);

        var expiry = Assert.Single(Logs.Logs, l => l.Message.StartsWith("Your session will expire in", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, expiry.Level);
        Assert.Contains("days", expiry.Message);
    }

    [Fact]
    public async Task Token_and_password_never_appear_in_logs_messages_or_ToString()
    {
        Platform.InjectFault("GET", "/function/", 500);
        var token = await Backend.LoginAsync("alice", Password, None);
        var settings = new RemoteConnectionSettings(Platform.BaseUrl) { Token = "static-secret-token" };
        var error = await Assert.ThrowsAsync<InternalServerErrorException>(() => Backend.ListFunctionsAsync(ListQuery.All, None));
        await Backend.LogoutAsync(None);

        var texts = new[] { Logs.AllText, error.ToString(), Backend.ToString()!, settings.ToString() };
        Assert.All(texts, text =>
        {
            Assert.DoesNotContain(token!, text);
            Assert.DoesNotContain(Password, text);
            Assert.DoesNotContain("static-secret-token", text);
        });
        Assert.Contains("***", settings.ToString());
    }

    [Fact]
    public async Task The_client_logs_in_from_its_configuration_and_logs_out_on_dispose()
    {
        Platform.RequireToken = true;
        var client = new SubstraClient(new Configuration.SubstraClientOptions
        {
            Url = Platform.BaseUrl,
            Username = "alice",
            Password = Password,
            BackendType = BackendType.Remote,
            LoggerFactory = Logs,
        });

        var functions = await client.ListFunctionAsync(cancellationToken: None);
        await client.DisposeAsync();

        Assert.Empty(functions);
        Assert.Equal(["POST /api-token-auth/", "GET /function/", "DELETE /active-api-tokens/"], Platform.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Empty(Platform.ActiveTokens);
        Assert.DoesNotContain(Password, Logs.AllText);
    }
}

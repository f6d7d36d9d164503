using System.Security.Cryptography.X509Certificates;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Remote.Tests.Infrastructure;
using Substra.Sdk.Remote.Tests.Platform;

namespace Substra.Sdk.Remote.Tests;

/// <summary><c>insecure</c> against a platform with a self-signed certificate; verification otherwise.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly X509Certificate2 _certificate = SelfSignedCertificate.Create();
    private FakePlatform _platform = null!;

    public async Task InitializeAsync() => _platform = await FakePlatform.StartAsync(_certificate);

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task Insecure_accepts_the_self_signed_certificate()
    {
        Assert.StartsWith("https://127.0.0.1:", _platform.BaseUrl);
        await using var backend = new RemoteBackend(new RemoteConnectionSettings(_platform.BaseUrl) { Insecure = true });

        var info = await backend.GetOrganizationInfoAsync(CancellationToken.None);

        Assert.Equal("MyOrg1MSP", info.OrganizationId);
    }

    [Fact]
    public async Task Insecure_applies_to_login_and_logout_too()
    {
        _platform.Users["bob"] = "pw";
        await using var backend = new RemoteBackend(new RemoteConnectionSettings(_platform.BaseUrl) { Insecure = true });

        await backend.LoginAsync("bob", "pw", CancellationToken.None);
        await backend.LogoutAsync(CancellationToken.None);

        Assert.Equal(["POST /api-token-auth/", "DELETE /active-api-tokens/"], _platform.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Without_insecure_the_certificate_is_verified_and_refused()
    {
        await using var backend = new RemoteBackend(new RemoteConnectionSettings(_platform.BaseUrl));

        var error = await Assert.ThrowsAsync<ConnectionException>(() => backend.GetOrganizationInfoAsync(CancellationToken.None));

        Assert.Contains("SSL", error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_platform.Requests);
    }
}

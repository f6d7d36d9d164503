using Substra.Sdk.Remote.Tests.Infrastructure;
using Substra.Sdk.Remote.Tests.Platform;

namespace Substra.Sdk.Remote.Tests;

/// <summary>
/// The token goes only to the platform's own origin (scheme, host and port of the configured URL): a storage address on
/// another origin is downloaded without the Authorization header.
/// </summary>
public sealed class CredentialOriginTests : PlatformTest
{
    private const string Token = "secret-token";
    private FakePlatform _storage = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Another loopback server on another port: another origin, which records the headers it gets.
        _storage = await FakePlatform.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_storage_address_on_another_origin_gets_no_token()
    {
        await using var backend = CreateBackend(token: Token);
        var functionKey = await backend.AddFunctionAsync(Assets.Function(Temp), None);
        var datasetKey = await backend.AddDatasetAsync(Assets.Dataset(Temp), None);
        MoveToStorage(Platform.Store.Get("function", functionKey)!["archive"]!.AsObject(), "/function/stored/file/", "archive bytes"u8.ToArray());
        MoveToStorage(Platform.Store.Get("function", functionKey)!["description"]!.AsObject(), "/function/stored/description/", "# described"u8.ToArray());
        MoveToStorage(Platform.Store.Get("data_manager", datasetKey)!["opener"]!.AsObject(), "/data_manager/stored/opener/", "opener bytes"u8.ToArray());
        Platform.ClearRequests();

        await backend.DownloadFunctionArchiveAsync(functionKey, Temp.Combine("out", "archive"), None);
        await backend.DownloadDatasetOpenerAsync(datasetKey, Temp.Combine("out", "opener.py"), None);
        var description = await backend.DescribeFunctionAsync(functionKey, None);

        Assert.Equal("archive bytes", File.ReadAllText(Temp.Combine("out", "archive")));
        Assert.Equal("opener bytes", File.ReadAllText(Temp.Combine("out", "opener.py")));
        Assert.Equal("# described", description);
        Assert.Equal(["/function/stored/file/", "/data_manager/stored/opener/", "/function/stored/description/"], _storage.Requests.Select(r => r.Path));
        Assert.All(_storage.Requests, r => Assert.Null(r.Header("Authorization")));
        // The platform's own requests still carry the token.
        Assert.Equal(3, Platform.Requests.Count);
        Assert.All(Platform.Requests, r => Assert.Equal($"Token {Token}", r.Header("Authorization")));
        Assert.DoesNotContain(Token, Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_host_name_on_the_same_port_is_another_origin()
    {
        var platformUri = new Uri(Platform.BaseUrl);
        var otherHost = $"http://localhost:{platformUri.Port}";
        await using var backend = CreateBackend(token: Token);
        var functionKey = await backend.AddFunctionAsync(Assets.Function(Temp), None);
        Platform.Store.Files["/function/moved/file/"] = "same server, other host name"u8.ToArray();
        Platform.Store.Get("function", functionKey)!["archive"]!["storage_address"] = otherHost + "/function/moved/file/";
        Platform.ClearRequests();

        await backend.DownloadFunctionArchiveAsync(functionKey, Temp.Combine("out", "archive"), None);

        var requests = Platform.Requests;
        Assert.Equal(["/function/" + functionKey + "/", "/function/moved/file/"], requests.Select(r => r.Path));
        Assert.Equal($"Token {Token}", requests[0].Header("Authorization"));
        Assert.Null(requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task The_origin_is_compared_whatever_the_case_of_the_configured_url()
    {
        var platformUri = new Uri(Platform.BaseUrl);
        await using var backend = CreateBackend(token: Token, url: $"HTTP://127.0.0.1:{platformUri.Port}/");
        var functionKey = await backend.AddFunctionAsync(Assets.Function(Temp), None);
        Platform.ClearRequests();

        await backend.DownloadFunctionArchiveAsync(functionKey, Temp.Combine("out", "archive"), None);

        Assert.Equal(2, Platform.Requests.Count);
        Assert.All(Platform.Requests, r => Assert.Equal($"Token {Token}", r.Header("Authorization")));
    }

    private void MoveToStorage(System.Text.Json.Nodes.JsonObject file, string path, byte[] content)
    {
        _storage.Store.Files[path] = content;
        file["storage_address"] = _storage.BaseUrl + path;
    }
}

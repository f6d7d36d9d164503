using Substra.Sdk.Configuration;
using Substra.Sdk.Remote.Tests.Infrastructure;

namespace Substra.Sdk.Remote.Tests;

/// <summary>A local backend with a URL reads through to the platform: get falls back, lists merge local then remote.</summary>
public sealed class HybridModeTests : PlatformTest
{
    private SubstraClient CreateHybridClient() => new(new SubstraClientOptions
    {
        Url = Platform.BaseUrl,
        BackendType = BackendType.LocalSubprocess,
        WorkspaceDirectory = Temp.Combine("workspace"),
        LoggerFactory = Logs,
    });

    [Fact]
    public async Task Gets_fall_back_to_the_platform_and_lists_merge_local_then_remote()
    {
        var remoteKey = await Backend.AddFunctionAsync(Assets.Function(Temp, "remote-fn"), None);
        await using var client = CreateHybridClient();
        var localKey = await client.AddFunctionAsync(Assets.LocalFunction(Temp, "local-fn"), None);
        Platform.ClearRequests();

        var remote = await client.GetFunctionAsync(remoteKey, None);
        var local = await client.GetFunctionAsync(localKey, None);
        var all = await client.ListFunctionAsync(cancellationToken: None);

        Assert.Equal("remote-fn", remote.Name);
        Assert.Equal("local-fn", local.Name);
        // Local clients of one process share one store (other tests' local functions may be listed too): local first, then remote.
        Assert.Equal(remoteKey, all[^1].Key);
        Assert.Contains(localKey, all.Take(all.Count - 1).Select(f => f.Key));
        Assert.Equal([$"GET /function/{remoteKey}/", "GET /function/"], Platform.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Null(Platform.Store.Get("function", localKey));
    }

    [Fact]
    public async Task A_platform_error_while_listing_is_logged_and_the_local_assets_are_returned()
    {
        await using var client = CreateHybridClient();
        var localKey = await client.AddFunctionAsync(Assets.LocalFunction(Temp, "local-fn"), None);
        Platform.InjectFault("GET", "/function/", 500);

        var all = await client.ListFunctionAsync(cancellationToken: None);

        Assert.Contains(localKey, all.Select(f => f.Key));
        Assert.All(all, f => Assert.Null(Platform.Store.Get("function", f.Key)));
        Assert.Contains(Logs.Logs, l => l.Message.Contains("Hybrid mode", StringComparison.Ordinal));
    }
}

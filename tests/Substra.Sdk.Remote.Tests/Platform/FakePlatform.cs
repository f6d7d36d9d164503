using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Substra.Sdk.Remote.Tests.Platform;

/// <summary>
/// A Substra backend stand-in: a real Kestrel host on 127.0.0.1 and an ephemeral port, serving the REST endpoints of
/// the platform's REST API from an in-memory store, recording every request, with switches to inject failures.
/// </summary>
public sealed class FakePlatform : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<FaultRule> _faults = new();
    private WebApplication? _app;

    private FakePlatform()
    {
    }

    public string BaseUrl { get; private set; } = "";

    public PlatformStore Store { get; } = new();

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Page size of paginated lists (the server's, whatever the client asks).</summary>
    public int PageSize { get; set; } = 100;

    public ConcurrentDictionary<string, string> Users { get; } = new();

    /// <summary>Token id → token, for sessions opened through <c>/api-token-auth/</c>.</summary>
    public ConcurrentDictionary<string, string> ActiveTokens { get; } = new();

    /// <summary>Tokens accepted without login (generated in the web UI on a real platform).</summary>
    public ConcurrentDictionary<string, bool> StaticTokens { get; } = new();

    /// <summary>When set, requests without a valid <c>Authorization: Token …</c> get 401.</summary>
    public bool RequireToken { get; set; }

    public bool LoginDisabled { get; set; }

    /// <summary>Answer login with an HTML page, as a wrong URL pointing at a web front end would.</summary>
    public bool LoginAnswersHtml { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Do not record request bodies (for benchmarks that send large bodies).</summary>
    public bool RecordBodies { get; set; } = true;

    public static async Task<FakePlatform> StartAsync(X509Certificate2? certificate = null)
    {
        var platform = new FakePlatform();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        app.Use(async (context, next) => await RequestRecorder.RecordAsync(platform, context, next));
        app.Run(context => new PlatformEndpoints(platform).HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        platform.BaseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        platform._app = app;
        return platform;
    }

    public void ClearRequests() => _requests.Clear();

    /// <summary>The next <paramref name="times"/> requests matching method and path prefix get <paramref name="status"/>.</summary>
    public FaultRule InjectFault(string method, string pathPrefix, int status, int times = 1, string? body = null)
    {
        var rule = new FaultRule(method, pathPrefix, status, times, body ?? $$"""{"detail": "injected {{status}}"}""");
        _faults.Enqueue(rule);
        return rule;
    }

    public void ClearFaults() => _faults.Clear();

    internal FaultRule? TakeFault(string method, string path) => _faults.FirstOrDefault(rule => rule.TryConsume(method, path));

    internal void Record(RecordedRequest request) => _requests.Enqueue(request);

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string path) =>
        Requests.Where(r => r.Method == method && r.Path == path).ToList();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

using Substra.Sdk.Remote.Tests.Platform;
using Substra.Tests.Shared;

namespace Substra.Sdk.Remote.Tests.Infrastructure;

/// <summary>Base of the tests: a fresh fake platform, a backend pointed at it with short retry delays, a temp folder.</summary>
public abstract class PlatformTest : IAsyncLifetime
{
    protected FakePlatform Platform { get; private set; } = null!;

    private protected RemoteBackend Backend { get; private set; } = null!;

    protected CapturingLoggerFactory Logs { get; } = new();

    protected TempDirectory Temp { get; } = new();

    protected static CancellationToken None => CancellationToken.None;

    public virtual async Task InitializeAsync()
    {
        Platform = await FakePlatform.StartAsync();
        Backend = CreateBackend();
    }

    private protected RemoteBackend CreateBackend(string? token = null, TimeSpan? retryTimeout = null, TimeSpan? gatewayRetryTimeout = null, string? url = null, bool insecure = false,
        TimeSpan? initialDelay = null, TimeProvider? time = null) =>
        new(
            new RemoteConnectionSettings(url ?? Platform.BaseUrl + "/")
            {
                Token = token,
                Insecure = insecure,
                RetryTimeout = retryTimeout ?? TimeSpan.FromSeconds(5),
                GatewayRetryTimeout = gatewayRetryTimeout ?? TimeSpan.FromSeconds(5),
                InitialRetryDelay = initialDelay ?? TimeSpan.FromMilliseconds(5),
            },
            Logs,
            timeProvider: time);

    public virtual async Task DisposeAsync()
    {
        await Backend.DisposeAsync();
        await Platform.DisposeAsync();
        Temp.Dispose();
    }
}

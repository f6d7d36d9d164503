using System.Diagnostics;
using Substra.Sdk.Exceptions;
using Substra.Sdk.Remote.Tests.Infrastructure;
using Substra.Tests.Shared;

namespace Substra.Sdk.Remote.Tests;

/// <summary>
/// No request blocks forever: one try is bounded, a whole request (retries and body included) is bounded, and a streamed
/// download or an upload of files is bounded by how long it may go without data, not by how long it takes.
/// </summary>
public sealed class HttpTimeoutTests : IDisposable
{
    // Far above the limits under test, far below "forever": a test that hit no limit fails instead of hanging.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    // .NET timers count whole milliseconds of the tick count: a 300 ms limit can fire at 299.5 ms by a Stopwatch.
    private static readonly TimeSpan TimerGranularity = TimeSpan.FromMilliseconds(5);

    private readonly TempDirectory _temp = new();
    private readonly CapturingLoggerFactory _logs = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_server_that_accepts_and_never_answers_fails_the_try_after_its_attempt_timeout()
    {
        await using var server = RawHttpServer.Silent();
        await using var backend = Backend(server.BaseUrl, attempt: TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ConnectionTimeoutException>(() => backend.GetFunctionAsync("f", CancellationToken.None).WaitAsync(Bound));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300) - TimerGranularity, $"failed after {watch.Elapsed}, before the limit");
        Assert.Equal(
            $"GET {server.BaseUrl}/function/f/: no response within 300 ms (HttpAttemptTimeout, the limit of one try). The platform may be overloaded, "
            + "or unreachable behind a proxy; raise HttpAttemptTimeout for a platform that answers slowly.",
            error.Message);
        Assert.Null(error.StatusCode);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task A_login_to_a_silent_server_is_bounded_too()
    {
        await using var server = RawHttpServer.Silent();
        await using var backend = Backend(server.BaseUrl, attempt: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<ConnectionTimeoutException>(
            () => backend.LoginAsync("user", "password", CancellationToken.None).WaitAsync(Bound));

        Assert.StartsWith($"POST {server.BaseUrl}/api-token-auth/: no response within 300 ms (HttpAttemptTimeout", error.Message);
    }

    [Fact]
    public async Task Retries_of_an_unavailable_platform_stop_at_the_total_timeout()
    {
        await using var platform = await Platform.FakePlatform.StartAsync();
        platform.InjectFault("GET", "/function/", 503, times: 100_000);
        await using var backend = Backend(platform.BaseUrl, total: TimeSpan.FromSeconds(1), gatewayRetry: TimeSpan.FromMinutes(5));
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ConnectionTimeoutException>(() => backend.ListFunctionsAsync(Filters.ListQuery.All, CancellationToken.None).WaitAsync(Bound));

        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1) - TimerGranularity, $"failed after {watch.Elapsed}, before the limit");
        Assert.Equal(
            $"GET {platform.BaseUrl}/function/?ordering=-creation_date did not complete within 1 s (HttpTotalTimeout: every try, the delays between retries "
            + "and the response included); raise HttpTotalTimeout for a platform that is slow to answer or to recover.",
            error.Message);
        Assert.True(platform.RequestsTo("GET", "/function/").Count > 1, "the gateway errors were retried until the limit");
    }

    [Fact]
    public async Task A_json_body_that_never_ends_is_cut_by_the_total_timeout()
    {
        // Headers promise 1000 bytes of JSON; 10 arrive, then nothing.
        await using var server = new RawHttpServer(async (stream, token) =>
        {
            await stream.WriteAsync(RawHttpServer.Headers(1000, "application/json"), token);
            await stream.WriteAsync("{\"key\": \"f"u8.ToArray(), token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var backend = Backend(server.BaseUrl, total: TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<ConnectionTimeoutException>(() => backend.GetFunctionAsync("f", CancellationToken.None).WaitAsync(Bound));

        Assert.StartsWith($"GET {server.BaseUrl}/function/f/ did not complete within 500 ms (HttpTotalTimeout", error.Message);
    }

    [Fact]
    public async Task A_download_that_stalls_fails_after_the_stall_timeout_and_leaves_no_partial_file()
    {
        await using var server = new RawHttpServer(async (stream, token) =>
        {
            await stream.WriteAsync(RawHttpServer.Headers(1_000_000), token);
            await stream.WriteAsync(new byte[4096], token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var backend = Backend(server.BaseUrl, stall: TimeSpan.FromMilliseconds(300));
        var destination = _temp.Combine("model_m");

        var error = await Assert.ThrowsAsync<ConnectionTimeoutException>(
            () => backend.DownloadModelAsync("m", destination, CancellationToken.None).WaitAsync(Bound));

        Assert.Equal(
            $"GET {server.BaseUrl}/model/m/file/: the download stalled, no data for 300 ms (HttpStallTimeout); "
            + "raise HttpStallTimeout for a platform that pauses longer.",
            error.Message);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public async Task A_download_that_keeps_sending_outlasts_the_total_timeout()
    {
        // Twenty chunks, one every 100 ms: two seconds in all, four times the total limit, never a pause near the stall limit.
        const int Chunks = 20;
        await using var server = new RawHttpServer(async (stream, token) =>
        {
            await stream.WriteAsync(RawHttpServer.Headers(Chunks * 1000L), token);
            for (var i = 0; i < Chunks; i++)
            {
                await stream.WriteAsync(Enumerable.Repeat((byte)('a' + i), 1000).ToArray(), token);
                await stream.FlushAsync(token);
                await Task.Delay(100, token);
            }
        });
        await using var backend = Backend(server.BaseUrl, total: TimeSpan.FromMilliseconds(500), stall: TimeSpan.FromSeconds(3));
        var destination = _temp.Combine("model_m");
        var watch = Stopwatch.StartNew();

        await backend.DownloadModelAsync("m", destination, CancellationToken.None).WaitAsync(Bound);

        Assert.True(watch.Elapsed > TimeSpan.FromMilliseconds(500), $"the download took {watch.Elapsed}, less than the total limit it should outlast");
        var content = await File.ReadAllBytesAsync(destination);
        Assert.Equal(Chunks * 1000, content.Length);
        Assert.Equal((byte)('a' + Chunks - 1), content[^1]);
    }

    [Fact]
    public async Task An_upload_that_keeps_going_outlasts_the_attempt_and_total_timeouts()
    {
        // 48 MB read at about 16 MB/s: three seconds of sending, three times both limits; what the client's send buffer
        // holds when the body is sent (4 MB at most) drains in a quarter of the per-try limit.
        const long Length = 48L * 1024 * 1024;
        const double BytesPerSecond = 16.0 * 1024 * 1024;
        await using var server = new RawHttpServer(async (stream, headers, token) =>
        {
            var length = RawHttpServer.ContentLength(headers) ?? throw new InvalidOperationException($"The upload has no Content-Length: {headers}");
            var buffer = new byte[1024 * 1024];
            var pace = Stopwatch.StartNew();
            long read = 0;
            while (read < length)
            {
                var count = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - read)), token);
                if (count == 0)
                {
                    throw new IOException("The client stopped sending before the end of its body.");
                }

                read += count;
                var ahead = TimeSpan.FromSeconds(read / BytesPerSecond) - pace.Elapsed;
                if (ahead > TimeSpan.Zero)
                {
                    await Task.Delay(ahead, token);
                }
            }

            var answer = "{\"key\": \"uploaded\"}"u8.ToArray();
            await stream.WriteAsync(RawHttpServer.Headers(answer.Length, "application/json"), token);
            await stream.WriteAsync(answer, token);
            await Task.Delay(Timeout.Infinite, token);
        });
        await using var backend = Backend(server.BaseUrl, attempt: TimeSpan.FromSeconds(1), total: TimeSpan.FromSeconds(1), stall: TimeSpan.FromSeconds(5));
        var spec = Assets.Function(_temp, "big") with { File = SparseFile("big.zip", Length) };
        var watch = Stopwatch.StartNew();

        var key = await backend.AddFunctionAsync(spec, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal("uploaded", key);
        Assert.True(watch.Elapsed > TimeSpan.FromSeconds(2), $"the upload took {watch.Elapsed}, not longer than the limits it should outlast");
    }

    [Fact]
    public async Task An_upload_the_server_stops_reading_fails_after_the_stall_timeout()
    {
        await using var server = RawHttpServer.Silent();
        await using var backend = Backend(server.BaseUrl, attempt: TimeSpan.FromSeconds(30), stall: TimeSpan.FromMilliseconds(300));
        var spec = Assets.Function(_temp, "big") with { File = SparseFile("big.zip", 48L * 1024 * 1024) };

        var error = await Assert.ThrowsAsync<ConnectionTimeoutException>(() => backend.AddFunctionAsync(spec, CancellationToken.None).WaitAsync(Bound));

        Assert.Equal(
            $"POST {server.BaseUrl}/function/: the upload stalled, no data sent for 300 ms (HttpStallTimeout); raise HttpStallTimeout for a slow or congested link.",
            error.Message);
    }

    [Fact]
    public async Task An_upload_the_server_never_answers_fails_after_the_attempt_timeout_counted_from_its_end()
    {
        // Reads everything it is sent, answers nothing.
        await using var server = new RawHttpServer(async (stream, token) =>
        {
            var buffer = new byte[64 * 1024];
            while (await stream.ReadAsync(buffer, token) > 0)
            {
            }
        });
        await using var backend = Backend(server.BaseUrl, attempt: TimeSpan.FromMilliseconds(300), stall: TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ConnectionTimeoutException>(
            () => backend.AddFunctionAsync(Assets.Function(_temp, "small"), CancellationToken.None).WaitAsync(Bound));

        Assert.StartsWith($"POST {server.BaseUrl}/function/: no response within 300 ms (HttpAttemptTimeout, the limit of one try).", error.Message);
    }

    [Fact]
    public void A_timeout_that_is_not_positive_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RemoteConnectionSettings("http://127.0.0.1:1") { HttpAttemptTimeout = TimeSpan.Zero });

        Assert.StartsWith("HttpAttemptTimeout must be positive, or Timeout.InfiniteTimeSpan for no limit (got 00:00:00).", error.Message);
        Assert.Equal(Timeout.InfiniteTimeSpan, new RemoteConnectionSettings("http://127.0.0.1:1") { HttpTotalTimeout = Timeout.InfiniteTimeSpan }.HttpTotalTimeout);
    }

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var settings = new RemoteConnectionSettings("http://127.0.0.1:1");

        Assert.Equal(TimeSpan.FromSeconds(100), settings.HttpAttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.HttpTotalTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.HttpStallTimeout);
    }

    // A file of zeros that takes no disk space.
    private string SparseFile(string name, long length)
    {
        var path = _temp.Combine(name);
        using var file = File.Create(path);
        file.SetLength(length);
        return path;
    }

    private RemoteBackend Backend(string url, TimeSpan? attempt = null, TimeSpan? total = null, TimeSpan? stall = null, TimeSpan? gatewayRetry = null) =>
        new(
            new RemoteConnectionSettings(url)
            {
                HttpAttemptTimeout = attempt ?? TimeSpan.FromSeconds(30),
                HttpTotalTimeout = total ?? TimeSpan.FromSeconds(30),
                HttpStallTimeout = stall ?? TimeSpan.FromSeconds(30),
                GatewayRetryTimeout = gatewayRetry ?? TimeSpan.FromSeconds(5),
                InitialRetryDelay = TimeSpan.FromMilliseconds(20),
            },
            _logs);
}

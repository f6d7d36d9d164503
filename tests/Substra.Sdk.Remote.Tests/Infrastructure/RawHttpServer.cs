using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Substra.Sdk.Remote.Tests.Infrastructure;

/// <summary>
/// A TCP server on 127.0.0.1 that speaks just enough HTTP/1.1 to misbehave: each accepted connection has its request
/// headers read, then is handed with them to the test's behaviour (answer never, stall, trickle, read slowly). Its sockets
/// have small buffers, so that a client that sends faster than the behaviour reads has to wait. Connections are closed at
/// disposal.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<NetworkStream, string, CancellationToken, Task> _behaviour;
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _accepted;

    public RawHttpServer(Func<NetworkStream, CancellationToken, Task> behaviour)
        : this((stream, _, token) => behaviour(stream, token))
    {
    }

    /// <param name="behaviour">Gets the connection and the request's headers (request line included).</param>
    public RawHttpServer(Func<NetworkStream, string, CancellationToken, Task> behaviour)
    {
        _behaviour = behaviour;
        _listener.Server.ReceiveBufferSize = 16 * 1024;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How many connections were accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Accepts, reads the request, never answers.</summary>
    public static RawHttpServer Silent() => new((_, token) => Task.Delay(Timeout.Infinite, token));

    /// <summary>Response headers for a body of <paramref name="length"/> bytes.</summary>
    public static byte[] Headers(long length, string contentType = "application/octet-stream") =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {length}\r\n\r\n");

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] connections;
        lock (_connections)
        {
            connections = _connections.ToArray();
        }

        await Task.WhenAll(connections);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            lock (_connections)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                var headers = await ReadRequestHeadersAsync(stream, _stopping.Token);
                await _behaviour(stream, headers, _stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The server stops, or the client gave up: both end the connection.
            }
        }
    }

    /// <summary>The request's Content-Length header, or null.</summary>
    public static long? ContentLength(string headers) =>
        headers.Split("\r\n").Select(line => line.Split(':', 2)).Where(parts => parts.Length == 2)
            .Where(parts => parts[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(parts => (long?)long.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

    private static async Task<string> ReadRequestHeadersAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var seen = new List<byte>();
        var buffer = new byte[1];
        while (seen.Count < 4 || !(seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n'))
        {
            if (await stream.ReadAsync(buffer, cancellationToken) == 0)
            {
                throw new IOException("The client closed the connection before the end of its request headers.");
            }

            seen.Add(buffer[0]);
        }

        return Encoding.ASCII.GetString(seen.ToArray());
    }
}

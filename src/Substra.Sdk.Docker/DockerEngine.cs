using Docker.DotNet;

namespace Substra.Sdk.Docker;

/// <summary>The connection to one Docker engine, checked once before first use.</summary>
internal sealed class DockerEngine : IDisposable
{
    private readonly SemaphoreSlim _checkGate = new(1, 1);
    private bool _answered;

    private DockerEngine(DockerClient client) => Client = client;

    public DockerClient Client { get; }

    public Uri Endpoint => Client.Options.Endpoint;

    public static DockerEngine Connect(Uri? endpoint)
    {
        try
        {
            var builder = new DockerClientBuilder().WithTimeout(Timeout.InfiniteTimeSpan);
            if (endpoint is not null)
            {
                builder = builder.WithEndpoint(endpoint);
            }

            return new DockerEngine(builder.Build());
        }
        catch (Exception e) when (e is DockerConfigurationException or ArgumentException or FormatException or UriFormatException)
        {
            var source = endpoint is not null ? $"'{endpoint}'" : $"DOCKER_HOST='{Environment.GetEnvironmentVariable("DOCKER_HOST")}'";
            throw new DockerEngineUnavailableException(
                $"The Docker endpoint {source} is not usable ({e.Message}). Use unix:///path/to/docker.sock or tcp://host:port.", e);
        }
    }

    /// <summary>Pings the engine; throws <see cref="DockerEngineUnavailableException"/> saying how to start one.</summary>
    public async Task EnsureAnswersAsync(CancellationToken cancellationToken)
    {
        if (_answered) return;
        await _checkGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_answered) return;
            await Client.System.PingAsync(cancellationToken).ConfigureAwait(false);
            _answered = true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new DockerEngineUnavailableException(NotAnsweringMessage(Endpoint, e), e);
        }
        finally
        {
            _checkGate.Release();
        }
    }

    public static string NotAnsweringMessage(Uri endpoint, Exception? cause) =>
        $"No Docker engine answers at {endpoint} ({(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? $"DOCKER_HOST={host}" : "DOCKER_HOST is not set")})" +
        (cause is null ? "" : $": {cause.GetBaseException().Message}") +
        ". Start one with scripts/docker/start-engine.sh (as root; it installs docker.io if needed and runs dockerd), " +
        "or set DOCKER_HOST to a running engine, or use the subprocess backend.";

    public void Dispose()
    {
        Client.Dispose();
        _checkGate.Dispose();
    }
}

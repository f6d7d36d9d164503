using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Substra.Sdk.Remote;

/// <summary>
/// The reference's <c>retry_on_exception</c> as Polly pipelines: exponential backoff from the initial delay, no jitter, no cap,
/// retrying while the time since the first try is within the budget.
/// </summary>
internal sealed class RemoteRetryPipelines
{
    private static readonly ResiliencePropertyKey<long> StartedAt = new("substra.started-at");
    private readonly TimeProvider _time;

    public RemoteRetryPipelines(RemoteConnectionSettings settings, TimeProvider time, ILogger logger)
    {
        _time = time;
        Gateway = Build(settings.InitialRetryDelay, time, logger, settings.GatewayRetryTimeout, IsGatewayUnavailable);
        RequestTimeout = Build(settings.InitialRetryDelay, time, logger, settings.RetryTimeout, IsRetriableRequestTimeoutAsync);
    }

    public ResiliencePipeline<HttpResponseMessage> Gateway { get; }

    public ResiliencePipeline<HttpResponseMessage> RequestTimeout { get; }

    public async Task<HttpResponseMessage> ExecuteAsync(
        ResiliencePipeline<HttpResponseMessage> pipeline,
        Func<CancellationToken, Task<HttpResponseMessage>> send,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StartedAt, _time.GetTimestamp());
        try
        {
            return await pipeline.ExecuteAsync(
                static async (ctx, state) => await state(ctx.CancellationToken).ConfigureAwait(false), context, send).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ResiliencePipeline<HttpResponseMessage> Build(
        TimeSpan initialDelay,
        TimeProvider time,
        ILogger logger,
        TimeSpan budget,
        Func<HttpResponseMessage, ValueTask<bool>> isRetriable)
    {
        var options = new RetryStrategyOptions<HttpResponseMessage>
        {
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            Delay = initialDelay,
            MaxDelay = null,
            MaxRetryAttempts = int.MaxValue,
            ShouldHandle = async args =>
            {
                if (args.Outcome.Result is not { } response || !await isRetriable(response).ConfigureAwait(false))
                {
                    return false;
                }
                var elapsed = time.GetElapsedTime(args.Context.Properties.GetValue(StartedAt, time.GetTimestamp()));
                return elapsed <= budget;
            },
            OnRetry = args =>
            {
                var status = args.Outcome.Result is { } response ? (int)response.StatusCode : 0;
                logger.LogWarning("HTTP {Status}; retrying in {Delay} (try {Attempt})", status, args.RetryDelay, args.AttemptNumber + 2);
                return ValueTask.CompletedTask;
            },
        };
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddRetry(options).Build();
    }

    private static ValueTask<bool> IsGatewayUnavailable(HttpResponseMessage response) =>
        ValueTask.FromResult(response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout);

    // Like the reference, a timeout naming several keys (a list) is not retried: it cannot tell which ones were created.
    private static async ValueTask<bool> IsRetriableRequestTimeoutAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.RequestTimeout)
        {
            return false;
        }
        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        try
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            var key = body is JsonObject obj ? obj["key"] ?? (obj["detail"] as JsonObject)?["key"] : null;
            return key is not JsonArray;
        }
        catch (System.Text.Json.JsonException)
        {
            return true;
        }
    }
}

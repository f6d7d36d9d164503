using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Substra.Sdk.Retry;

/// <summary>
/// Retries an operation on the given exception types (the reference's <c>retry_on_exception</c>): the delay starts at
/// <see cref="InitialDelay"/> (1 s) and doubles after each failure; once <see cref="Timeout"/> has elapsed since the first
/// try, the exception is rethrown. A null timeout retries forever.
/// </summary>
public sealed class RetryOnException
{
    private readonly Type[] exceptionTypes;

    /// <param name="exceptionTypes">The exception types (and their subclasses) that trigger a retry.</param>
    public RetryOnException(params Type[] exceptionTypes)
    {
        ArgumentNullException.ThrowIfNull(exceptionTypes);
        foreach (var type in exceptionTypes)
        {
            if (!typeof(Exception).IsAssignableFrom(type))
            {
                throw new ArgumentException($"{type.FullName} is not an exception type.", nameof(exceptionTypes));
            }
        }

        this.exceptionTypes = exceptionTypes;
    }

    /// <summary>Give up after this long (300 s by default, as the reference); null retries forever.</summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The first delay; doubled after each failure.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Receives a warning before each retry.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The clock, replaceable in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Runs <paramref name="operation"/>, retrying as configured.</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken, string? operationName = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var delay = InitialDelay;
        var started = TimeProvider.GetTimestamp();
        while (true)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (ShouldRetry(exception) && !cancellationToken.IsCancellationRequested)
            {
                if (Timeout is { } timeout && TimeProvider.GetElapsedTime(started) > timeout)
                {
                    throw;
                }

                Logger.LogWarning("Function {Operation} failed: retrying in {Delay}s", operationName ?? "operation", delay.TotalSeconds);
                await Task.Delay(delay, TimeProvider, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }

    /// <summary>Runs <paramref name="operation"/>, retrying as configured.</summary>
    public Task ExecuteAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken, string? operationName = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return ExecuteAsync<bool>(
            async token =>
            {
                await operation(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            operationName);
    }

    private bool ShouldRetry(Exception exception) => Array.Exists(exceptionTypes, type => type.IsInstanceOfType(exception));
}

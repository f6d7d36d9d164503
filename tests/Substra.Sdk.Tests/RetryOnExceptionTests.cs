using Substra.Sdk.Exceptions;
using Substra.Sdk.Retry;

namespace Substra.Sdk.Tests;

public sealed class RetryOnExceptionTests
{
    [Fact]
    public async Task Retries_the_given_exceptions_until_success()
    {
        var attempts = 0;
        var retry = new RetryOnException(typeof(RequestTimeoutException)) { InitialDelay = TimeSpan.FromMilliseconds(1) };

        var result = await retry.ExecuteAsync(
            _ => ++attempts < 3 ? throw new RequestTimeoutException("k") : Task.FromResult(attempts),
            CancellationToken.None);

        Assert.Equal(3, result);
    }

    [Fact]
    public async Task Subclasses_are_retried_and_other_exceptions_are_not()
    {
        var attempts = 0;
        var retry = new RetryOnException(typeof(HttpErrorException)) { InitialDelay = TimeSpan.FromMilliseconds(1) };

        await Assert.ThrowsAsync<InvalidOperationException>(() => retry.ExecuteAsync(
            _ => ++attempts == 1 ? throw new GatewayUnavailableException("502", 502) : throw new InvalidOperationException("other"),
            CancellationToken.None));

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Rethrows_once_the_timeout_has_elapsed()
    {
        var attempts = 0;
        var retry = new RetryOnException(typeof(GatewayUnavailableException))
        {
            InitialDelay = TimeSpan.FromMilliseconds(1), Timeout = TimeSpan.Zero,
        };

        await Assert.ThrowsAsync<GatewayUnavailableException>(() => retry.ExecuteAsync(
            _ =>
            {
                attempts++;
                throw new GatewayUnavailableException("503", 503);
            },
            CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public void Only_exception_types_are_accepted()
        => Assert.Throws<ArgumentException>(() => new RetryOnException(typeof(string)));
}

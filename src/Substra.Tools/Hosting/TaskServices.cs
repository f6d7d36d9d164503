using Microsoft.Extensions.DependencyInjection;

namespace Substra.Tools.Hosting;

/// <summary>
/// The task's container, built on first use: a static function without an opener never pays for building it. Resolution
/// happens in one scope, disposed (asynchronous disposables included) with the container when the task ends.
/// </summary>
internal sealed class TaskServices(IServiceCollection services) : IDisposable
{
    private readonly Lock buildLock = new();
    private ServiceProvider? provider;
    private AsyncServiceScope scope;

    public IServiceProvider Provider
    {
        get
        {
            lock (buildLock)
            {
                if (provider is null)
                {
                    provider = services.BuildServiceProvider();
                    scope = provider.CreateAsyncScope();
                }

                return scope.ServiceProvider;
            }
        }
    }

    public void Dispose()
    {
        lock (buildLock)
        {
            if (provider is null)
            {
                return;
            }

            try
            {
                Blocking.Wait(scope.DisposeAsync());
            }
            finally
            {
                Blocking.Wait(provider.DisposeAsync());
            }
        }
    }
}

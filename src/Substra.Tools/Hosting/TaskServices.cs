using Microsoft.Extensions.DependencyInjection;

namespace Substra.Tools.Hosting;

/// <summary>
/// The task's container, built on first use: a static function without an opener never pays for building it. Resolution
/// happens in one scope, disposed (asynchronous disposables included) with the container when the task ends.
/// </summary>
internal sealed class TaskServices(IServiceCollection services) : IDisposable
{
    private readonly Lock _buildLock = new();
    private ServiceProvider? _provider;
    private AsyncServiceScope _scope;

    public IServiceProvider Provider
    {
        get
        {
            lock (_buildLock)
            {
                if (_provider is null)
                {
                    _provider = services.BuildServiceProvider();
                    _scope = _provider.CreateAsyncScope();
                }

                return _scope.ServiceProvider;
            }
        }
    }

    public void Dispose()
    {
        lock (_buildLock)
        {
            if (_provider is null)
            {
                return;
            }

            try
            {
                Blocking.Wait(_scope.DisposeAsync());
            }
            finally
            {
                Blocking.Wait(_provider.DisposeAsync());
            }
        }
    }
}

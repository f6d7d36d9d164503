using Microsoft.Extensions.DependencyInjection;
using Substra.Tools.Hosting;

namespace Substra.Tools.Tests.Hosting;

public sealed class TaskServicesTests
{
    [Fact]
    public void TheContainerIsNotBuiltUntilAskedFor()
    {
        var services = new ServiceCollection();
        var built = 0;
        services.AddSingleton(_ =>
        {
            built++;
            return new AsyncOnlyDisposable();
        });

        using (new TaskServices(services))
        {
        }

        Assert.Equal(0, built);
    }

    [Fact]
    public void ResolvesFromOneScopeAndDisposesAsyncOnlyServicesWithIt()
    {
        var services = new ServiceCollection();
        services.AddSingleton<AsyncOnlyDisposable>();
        services.AddScoped<ScopedCounter>();

        AsyncOnlyDisposable singleton;
        using (var taskServices = new TaskServices(services))
        {
            singleton = taskServices.Provider.GetRequiredService<AsyncOnlyDisposable>();
            Assert.Same(taskServices.Provider.GetRequiredService<ScopedCounter>(), taskServices.Provider.GetRequiredService<ScopedCounter>());
            Assert.False(singleton.Disposed);
        }

        // ServiceProvider.Dispose() would throw for a service that is only IAsyncDisposable; the task's container must not.
        Assert.True(singleton.Disposed);
    }

    private sealed class AsyncOnlyDisposable : IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public async ValueTask DisposeAsync()
        {
            await Task.Yield();
            Disposed = true;
        }
    }

    private sealed class ScopedCounter;
}

namespace Microsoft.Extensions.DependencyInjection;

internal sealed class SubstraBuilder(IServiceCollection services) : ISubstraBuilder
{
    public IServiceCollection Services { get; } = services;
}
